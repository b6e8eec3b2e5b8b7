package cn.dengji.verify;

import java.util.Objects;

/**
 * Verifies Dengji certificate proof bundles (登记凭证, YX-R §23, §30) in the JVM with the Rust
 * verification core {@code dengji-verify}, through JNI ({@code libdengji_verify_jvm}).
 *
 * <p>A bundle proves, against a trust root the bank keeps (the chain's genesis hash and GRANDPA
 * authority set), what the chain's finalized state says about one certificate. Nothing from the
 * node that built the bundle is trusted: a bank may receive bundles from anyone.
 *
 * <pre>{@code
 * Verification v = Verifier.verify(bundleBytes, trustRootJson, System.currentTimeMillis());
 * if (v.isValid()) { ... }           // only VALID means the certificate may be relied on
 * }</pre>
 *
 * <p>The native library is loaded from the path in the system property
 * {@code dengji.verify.library} if set, else by {@code System.loadLibrary("dengji_verify_jvm")}
 * (from {@code java.library.path}). All methods are thread-safe and keep no state.
 */
public final class Verifier {
    /** Default freshness: finalized state up to ten minutes old may prove VALID or NOT_FOUND. */
    public static final long DEFAULT_MAX_AGE_MILLIS = 600_000L;
    /** Largest bundle accepted, in bytes (binary bundles are limited to 4 MiB, JSON to 12 MiB). */
    public static final int MAX_BUNDLE_INPUT = 12 * 1024 * 1024;
    /** Largest trust-root JSON accepted (1 MiB). */
    public static final int MAX_TRUST_ROOT_JSON = 1024 * 1024;

    static {
        String path = System.getProperty("dengji.verify.library");
        if (path != null && !path.isEmpty()) {
            System.load(path);
        } else {
            System.loadLibrary("dengji_verify_jvm");
        }
    }

    private Verifier() {}

    /**
     * Verifies {@code bundle} (binary {@code DJPB…} or JSON bytes) against {@code trustRootJson}
     * at {@code nowMillis} (ms since the Unix epoch, the bank's clock), with the default
     * freshness ({@link #DEFAULT_MAX_AGE_MILLIS}).
     *
     * @return the verdict and the facts the bundle proves
     * @throws VerificationException a check failed (its {@link VerificationException#getCheck()}
     *     names it); the bundle proves nothing
     * @throws NullPointerException if {@code bundle} or {@code trustRootJson} is null
     * @throws IllegalArgumentException if {@code nowMillis} is negative
     */
    public static Verification verify(byte[] bundle, String trustRootJson, long nowMillis)
            throws VerificationException {
        return verify(bundle, trustRootJson, nowMillis, DEFAULT_MAX_AGE_MILLIS);
    }

    /**
     * As {@link #verify(byte[], String, long)}, accepting finalized state up to
     * {@code maxAgeMillis} old for VALID and NOT_FOUND ({@code Long.MAX_VALUE}: any age).
     */
    public static Verification verify(byte[] bundle, String trustRootJson, long nowMillis, long maxAgeMillis)
            throws VerificationException {
        checkTimes(nowMillis, maxAgeMillis);
        return verify(bundle, trustRootJson, nowMillis, new Policy(maxAgeMillis, false));
    }

    /**
     * As {@link #verify(byte[], String, long)} under {@code policy}: its freshness limit, and
     * whether the issuer's SM2 co-signature is required ({@link Policy#requiringSm2()}). The
     * result's {@link Verification#getAlgorithms()} names the signature algorithms checked.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Verification verify(byte[] bundle, String trustRootJson, long nowMillis, Policy policy)
            throws VerificationException {
        Objects.requireNonNull(bundle, "bundle is null");
        Objects.requireNonNull(trustRootJson, "trustRootJson is null");
        Objects.requireNonNull(policy, "policy is null");
        checkTimes(nowMillis, policy.getMaxAgeMillis());
        return verify0(bundle, trustRootJson, nowMillis, policy.getMaxAgeMillis(), policy.isSm2Required());
    }

    /**
     * Verifies as {@link #verify(byte[], String, long)} and returns the JSON document
     * {@code dengji --json cert verify --bundle … --trust …} prints: on success
     * {@code {"code", "verdict", "valid", "exit_code", "detail", "online": false, "block",
     * "set_id", "finalized_at", "finalized_at_time", "certificate", "issuer", "algorithms",
     * "sm3_digest"}}; when a check
     * fails {@code {"error": {"kind": "VerificationFailed", "exit_code": 4, "message", "check"}}}
     * (no exception is thrown for a failed check).
     *
     * @throws NullPointerException if {@code bundle} or {@code trustRootJson} is null
     * @throws IllegalArgumentException if {@code nowMillis} is negative
     */
    public static String verifyJson(byte[] bundle, String trustRootJson, long nowMillis) {
        return verifyJson(bundle, trustRootJson, nowMillis, DEFAULT_MAX_AGE_MILLIS);
    }

    /** As {@link #verifyJson(byte[], String, long)} with a freshness limit. */
    public static String verifyJson(byte[] bundle, String trustRootJson, long nowMillis, long maxAgeMillis) {
        checkTimes(nowMillis, maxAgeMillis);
        return verifyJson(bundle, trustRootJson, nowMillis, new Policy(maxAgeMillis, false));
    }

    /** As {@link #verifyJson(byte[], String, long)} under {@code policy}. */
    public static String verifyJson(byte[] bundle, String trustRootJson, long nowMillis, Policy policy) {
        Objects.requireNonNull(bundle, "bundle is null");
        Objects.requireNonNull(trustRootJson, "trustRootJson is null");
        Objects.requireNonNull(policy, "policy is null");
        checkTimes(nowMillis, policy.getMaxAgeMillis());
        return verifyJson0(bundle, trustRootJson, nowMillis, policy.getMaxAgeMillis(), policy.isSm2Required());
    }

    private static void checkTimes(long nowMillis, long maxAgeMillis) {
        if (nowMillis < 0 || maxAgeMillis < 0) {
            throw new IllegalArgumentException(
                "nowMillis (" + nowMillis + ") and maxAgeMillis (" + maxAgeMillis + ") must not be negative");
        }
    }

    // The natives check their arguments again (null, negative, oversized): a caller reaching them
    // by reflection gets the same exceptions, never a crash.
    private static native Verification verify0(byte[] bundle, String trustRootJson, long nowMillis, long maxAgeMillis,
            boolean requireSm2) throws VerificationException;

    private static native String verifyJson0(byte[] bundle, String trustRootJson, long nowMillis, long maxAgeMillis,
            boolean requireSm2);
}
