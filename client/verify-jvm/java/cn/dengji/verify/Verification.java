package cn.dengji.verify;

/**
 * A verdict with the facts it was derived from, all proved by the bundle (the typed form of the
 * JSON document, which {@link #toJson()} returns).
 */
public final class Verification {
    private final Verdict verdict;
    private final String code;
    private final String blockHash;
    private final long blockNumber;
    private final long setId;
    private final long finalizedAt;
    private final long verdictTime;
    private final String verdictDetail;
    private final Certificate certificate;
    private final Issuer issuer;
    private final java.util.List<String> algorithms;
    private final String sm3Digest;
    private final String json;

    Verification(String verdict, String code, String blockHash, long blockNumber, long setId,
            long finalizedAt, long verdictTime, String verdictDetail, Certificate certificate,
            Issuer issuer, String algorithms, String sm3Digest, String json) {
        this.verdict = Verdict.fromJsonName(verdict);
        this.code = code;
        this.blockHash = blockHash;
        this.blockNumber = blockNumber;
        this.setId = setId;
        this.finalizedAt = finalizedAt;
        this.verdictTime = verdictTime;
        this.verdictDetail = verdictDetail;
        this.certificate = certificate;
        this.issuer = issuer;
        this.algorithms = algorithms.isEmpty()
            ? java.util.Collections.<String>emptyList()
            : java.util.Collections.unmodifiableList(java.util.Arrays.asList(algorithms.split(",")));
        this.sm3Digest = sm3Digest;
        this.json = json;
    }

    /** The verdict. */
    public Verdict getVerdict() { return verdict; }

    /** Whether the certificate may be relied on (only {@link Verdict#VALID}). */
    public boolean isValid() { return verdict == Verdict.VALID; }

    /** The certificate code the bundle proves. */
    public String getCode() { return code; }

    /** Hash of the finalized block whose state was read, {@code 0x}-prefixed hex. */
    public String getBlockHash() { return blockHash; }

    /** Its number. */
    public long getBlockNumber() { return blockNumber; }

    /** Id of the GRANDPA authority set that finalized it. */
    public long getSetId() { return setId; }

    /** Its timestamp, ms since the Unix epoch. */
    public long getFinalizedAt() { return finalizedAt; }

    /** For {@link Verdict#EXPIRED}: the last valid instant (ms); otherwise null. */
    public Long getValidUntil() {
        return verdict == Verdict.EXPIRED ? Long.valueOf(verdictTime) : null;
    }

    /** For SUPERSEDED, CANCELLED and REVOKED: when it happened (ms); otherwise null. */
    public Long getStatusChangedAt() {
        boolean changed = verdict == Verdict.SUPERSEDED || verdict == Verdict.CANCELLED || verdict == Verdict.REVOKED;
        return changed ? Long.valueOf(verdictTime) : null;
    }

    /** For SUPERSEDED: the successor's code; otherwise null. */
    public String getSupersededBy() { return verdict == Verdict.SUPERSEDED ? verdictDetail : null; }

    /** For CANCELLED: the reason ({@code "Expiry"} or {@code "OnApplication(<ground>)"}); otherwise null. */
    public String getCancelReason() { return verdict == Verdict.CANCELLED ? verdictDetail : null; }

    /** For REVOKED: the ground (YX-R §27, e.g. {@code "FalseMaterials"}); otherwise null. */
    public String getRevocationGround() { return verdict == Verdict.REVOKED ? verdictDetail : null; }

    /** The certificate record, or null when the state proves there is none (NOT_FOUND, or STALE). */
    public Certificate getCertificate() { return certificate; }

    /** The issuing institution's record, or null if absent from the state. */
    public Issuer getIssuer() { return issuer; }

    /** The JSON document {@code dengji --json cert verify --bundle … --trust …} prints. */
    public String toJson() { return json; }

    /**
     * The signature algorithms checked on the certificate: {@code "ed25519"} (the issuer's
     * signature, always when a certificate is proved) and {@code "sm2-sm3"} (its SM2 co-signature
     * and SM3 digest, when present); empty when no certificate is proved.
     */
    public java.util.List<String> getAlgorithms() { return algorithms; }

    /** SM3 digest of the certificate signing payload, {@code 0x} hex, when SM2 was checked; else null. */
    public String getSm3Digest() { return sm3Digest; }

    @Override
    public String toString() {
        return "Verification{" + code + " " + verdict.jsonName() + " at block #" + blockNumber + "}";
    }
}
