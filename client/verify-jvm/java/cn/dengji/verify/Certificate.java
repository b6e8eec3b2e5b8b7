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
    private final String sm2Key;
    private final String sm2Signature;
    private final String sm3Digest;
    private final java.util.List<String> algorithms;

    Certificate(String code, long registration, String act, String object, String subject,
            String subjectName, String dataName, String contentDigest, int issuer, String issuerKey,
            String issuedOn, long issuedAt, long validUntil, String previous, String status,
            String signature, String sm2Key, String sm2Signature, String sm3Digest,
            String algorithms) {
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
        this.sm2Key = sm2Key;
        this.sm2Signature = sm2Signature;
        this.sm3Digest = sm3Digest;
        this.algorithms = algorithms.isEmpty()
            ? java.util.Collections.<String>emptyList()
            : java.util.Collections.unmodifiableList(java.util.Arrays.asList(algorithms.split(",")));
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

    /**
     * Whether the record carries the issuer's SM2 co-signature (SM2 with SM3 over the same
     * signing payload as the ed25519 signature, GB/T 32918, GB/T 35276 default distinguishing
     * ID; issue 14 §2). When it does, the verifier checked it, whatever the policy.
     */
    public boolean hasSm2Signature() { return sm2Signature != null; }

    /** The SM2 public key that co-signed (uncompressed point, {@code 0x04…} hex), or null. */
    public String getSm2Key() { return sm2Key; }

    /** The SM2 co-signature ({@code r || s}, {@code 0x}-prefixed hex), or null. */
    public String getSm2Signature() { return sm2Signature; }

    /**
     * The SM3 digest of the signing payload as the record stores it ({@code 0x} hex), or null
     * without a co-signature; the verifier checked it against its own SM3 of the payload.
     */
    public String getSm3Digest() { return sm3Digest; }

    /**
     * The signature algorithms checked on this certificate: {@code "ed25519"} (always) and
     * {@code "sm2-sm3"} (when co-signed); the same list as {@link Verification#getAlgorithms()}.
     */
    public java.util.List<String> getAlgorithms() { return algorithms; }

    @Override
    public String toString() {
        return "Certificate{" + code + ", " + dataName + ", " + status + ", " + String.join("+", algorithms) + "}";
    }
}
