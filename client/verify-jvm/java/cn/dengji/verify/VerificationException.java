package cn.dengji.verify;

/**
 * A check failed: the bundle, the trust root or the certificate in it was rejected, and nothing
 * about the certificate may be concluded. Not a verdict: a revoked or expired certificate is a
 * {@link Verification} with that {@link Verdict}.
 */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String check;

    /**
     * @param check the failed check: the name of the {@code dengji_verify::VerifyError} variant,
     *     e.g. {@code "BadPrecommitSignature"}, {@code "InsufficientWeight"},
     *     {@code "TrustRootMismatch"}, {@code "ProofMissingNode"}, {@code "TooLarge"},
     *     {@code "Decode"}
     * @param message what was wrong, with the failing values
     */
    public VerificationException(String check, String message) {
        super(check + ": " + message);
        this.check = check;
    }

    /** The failed check (the {@code VerifyError} variant's name). */
    public String getCheck() {
        return check;
    }
}
