package cn.dengji.verify;

/**
 * What a verification requires beyond the proofs themselves ({@code dengji_verify::Policy}):
 * how fresh the finalized state must be for VALID and NOT_FOUND, and whether the issuer's SM2
 * co-signature (SM2 with SM3, GB/T 32918, default distinguishing ID of GB/T 35276) is required.
 *
 * <p>A co-signature that is present is always checked, required or not: a bad one fails the
 * verification ({@link VerificationException} with check {@code BadSm2Signature},
 * {@code Sm2KeyNotRegistered}, {@code Sm3DigestMismatch} or {@code Sm2SignatureMalformed}).
 * When it is required and absent the check is {@code Sm2SignatureMissing}.
 *
 * <pre>{@code
 * Verification v = Verifier.verify(bundle, trustRootJson, System.currentTimeMillis(),
 *     Policy.defaults().requiringSm2());
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Policy {
    private final long maxAgeMillis;
    private final boolean requireSm2;

    /**
     * @param maxAgeMillis largest accepted age of the finalized state ({@code Long.MAX_VALUE}: any)
     * @param requireSm2 require the SM2 co-signature
     * @throws IllegalArgumentException if {@code maxAgeMillis} is negative
     */
    public Policy(long maxAgeMillis, boolean requireSm2) {
        if (maxAgeMillis < 0) {
            throw new IllegalArgumentException("maxAgeMillis (" + maxAgeMillis + ") must not be negative");
        }
        this.maxAgeMillis = maxAgeMillis;
        this.requireSm2 = requireSm2;
    }

    /** Ten minutes of freshness ({@link Verifier#DEFAULT_MAX_AGE_MILLIS}); SM2 checked when present. */
    public static Policy defaults() {
        return new Policy(Verifier.DEFAULT_MAX_AGE_MILLIS, false);
    }

    /** This policy with the SM2 co-signature required. */
    public Policy requiringSm2() {
        return new Policy(maxAgeMillis, true);
    }

    /** This policy with another freshness limit. */
    public Policy withMaxAgeMillis(long maxAgeMillis) {
        return new Policy(maxAgeMillis, requireSm2);
    }

    /** Largest accepted age of the finalized state, ms. */
    public long getMaxAgeMillis() { return maxAgeMillis; }

    /** Whether the SM2 co-signature is required. */
    public boolean isSm2Required() { return requireSm2; }

    @Override
    public String toString() {
        return "Policy{maxAgeMillis=" + maxAgeMillis + ", requireSm2=" + requireSm2 + "}";
    }
}
