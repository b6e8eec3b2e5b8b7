package cn.dengji.verify;

/**
 * The certificate record proved by the bundle, its issuer signature checked. The fields of the
 * {@code certificate} object of the JSON document.
 */
public final class Certificate {
    private final String code;
    private final long registration;
    private final String act;
    private final String object;
    private final String subject;
    private final String subjectName;
    private final String dataName;
    private final String contentDigest;
    private final int issuer;
    private final String issuerKey;
    private final String issuedOn;
    private final long issuedAt;
    private final long validUntil;
    private final String previous;
    private final String status;
    private final String signature;

    Certificate(String code, long registration, String act, String object, String subject,
            String subjectName, String dataName, String contentDigest, int issuer, String issuerKey,
            String issuedOn, long issuedAt, long validUntil, String previous, String status,
            String signature) {
        this.code = code;
        this.registration = registration;
        this.act = act;
        this.object = object;
        this.subject = subject;
        this.subjectName = subjectName;
        this.dataName = dataName;
        this.contentDigest = contentDigest;
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        this.issuedOn = issuedOn;
        this.issuedAt = issuedAt;
        this.validUntil = validUntil;
        this.previous = previous;
        this.status = status;
        this.signature = signature;
    }

    /** Certificate code, {@code DDDDDD-YYYY-NNNNNNN-C} (一证一码). */
    public String getCode() { return code; }

    /** Registration number. */
    public long getRegistration() { return registration; }

    /** Registration act ({@code "Initial"}, {@code "Change"}, …). */
    public String getAct() { return act; }

    /** Object of registration (data resource or data product, …). */
    public String getObject() { return object; }

    /** The subject's unified social credit code (or other identifier). */
    public String getSubject() { return subject; }

    /** The subject's name. */
    public String getSubjectName() { return subjectName; }

    /** The registered data's name. */
    public String getDataName() { return dataName; }

    /** Digest of the registered content, {@code 0x}-prefixed hex. */
    public String getContentDigest() { return contentDigest; }

    /** Issuing institution's division code. */
    public int getIssuer() { return issuer; }

    /** The issuer's ed25519 key that signed the certificate, {@code 0x}-prefixed hex. */
    public String getIssuerKey() { return issuerKey; }

    /** Issue date, {@code YYYY-MM-DD}. */
    public String getIssuedOn() { return issuedOn; }

    /** Issue time, ms since the Unix epoch. */
    public long getIssuedAt() { return issuedAt; }

    /** Last valid instant, ms since the Unix epoch (inclusive). */
    public long getValidUntil() { return validUntil; }

    /** Code of the certificate this one supersedes, or null. */
    public String getPrevious() { return previous; }

    /** Stored status: {@code "Valid"}, {@code "Superseded"}, {@code "Cancelled"} or {@code "Revoked"}. */
    public String getStatus() { return status; }

    /** The issuer's ed25519 signature, {@code 0x}-prefixed hex. */
    public String getSignature() { return signature; }

    @Override
    public String toString() {
        return "Certificate{" + code + ", " + dataName + ", " + status + "}";
    }
}
