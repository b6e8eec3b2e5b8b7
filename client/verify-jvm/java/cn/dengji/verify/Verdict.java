package cn.dengji.verify;

/** What a verified bundle shows about a certificate at the verifier's time. */
public enum Verdict {
    /** Issued, signed by its issuer, not superseded, cancelled or revoked, and within its validity. */
    VALID("valid"),
    /** Past its last valid instant (awaiting cancellation, YX-R §23 ¶2). */
    EXPIRED("expired"),
    /** Replaced by a newer certificate of the same registration. */
    SUPERSEDED("superseded"),
    /** Cancelled (注销, YX-R §21, or on expiry, §23 ¶2). */
    CANCELLED("cancelled"),
    /** Revoked (撤销, YX-R §27). */
    REVOKED("revoked"),
    /** The finalized state proves no certificate has this code. */
    NOT_FOUND("not_found"),
    /** The proof is valid but older than the freshness limit allows. */
    STALE("stale");

    private final String jsonName;

    Verdict(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in the JSON document ({@code "valid"}, {@code "not_found"}, …). */
    public String jsonName() {
        return jsonName;
    }

    /** The verdict named {@code name} in the JSON document. */
    public static Verdict fromJsonName(String name) {
        for (Verdict v : values()) {
            if (v.jsonName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict " + name);
    }
}
