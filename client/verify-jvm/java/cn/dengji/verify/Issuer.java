package cn.dengji.verify;

/** The issuing registration institution (登记机构) as proved by the bundle. */
public final class Issuer {
    private final int division;
    private final String name;
    private final String status;
    private final String signingKey;
    private final String sm2Key;

    Issuer(int division, String name, String status, String signingKey, String sm2Key) {
        this.division = division;
        this.name = name;
        this.status = status;
        this.signingKey = signingKey;
        this.sm2Key = sm2Key;
    }

    /** Administrative division code (six digits), which identifies the institution. */
    public int getDivision() { return division; }

    /** Its name. */
    public String getName() { return name; }

    /** Its status ({@code "Active"}, …); certificates of a suspended issuer stay valid (Q17). */
    public String getStatus() { return status; }

    /** Its current ed25519 signing key, {@code 0x}-prefixed hex. */
    public String getSigningKey() { return signingKey; }

    /** Its current SM2 co-signing key ({@code 0x04…} hex, issue 14 §2), or null if it has none. */
    public String getSm2Key() { return sm2Key; }

    @Override
    public String toString() {
        return "Issuer{" + division + " " + name + ", " + status + "}";
    }
}
