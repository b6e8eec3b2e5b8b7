import cn.dengji.verify.Certificate;
import cn.dengji.verify.Policy;
import cn.dengji.verify.Verification;
import cn.dengji.verify.VerificationException;
import cn.dengji.verify.Verifier;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Driven by client/verify-jvm/tests/java.rs: runs every case of <dir>/cases.tsv (name, form,
 * nowMillis, maxAgeMillis, bundle file, trust-root file) through Verifier.verify and
 * Verifier.verifyJson, writes <dir>/results.tsv and <dir>/json/<name>.<form>.json for the Rust
 * side to compare with dengji-verify, then checks bad input and 8 threads at once.
 * Exits 1 on the first failure of its own checks.
 */
public final class VerifierTest {
    static final class Case {
        String name, form;
        long now, maxAge;
        boolean requireSm2;
        byte[] bundle;
        String trust;
        String json; // single-threaded verifyJson result
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            Case c = new Case();
            c.name = f[0];
            c.form = f[1];
            c.now = Long.parseLong(f[2]);
            c.maxAge = Long.parseLong(f[3]);
            c.bundle = Files.readAllBytes(dir.resolve(f[4]));
            c.trust = new String(Files.readAllBytes(dir.resolve(f[5])), StandardCharsets.UTF_8);
            c.requireSm2 = Boolean.parseBoolean(f[6]);
            cases.add(c);
        }
        Files.createDirectories(dir.resolve("json"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("results.tsv"), StandardCharsets.UTF_8))) {
            for (Case c : cases) {
                c.json = Verifier.verifyJson(c.bundle, c.trust, c.now, new Policy(c.maxAge, c.requireSm2));
                if (!c.requireSm2) {
                    check(c.json.equals(Verifier.verifyJson(c.bundle, c.trust, c.now, c.maxAge)), c.name + ": maxAge overload");
                }
                Files.write(dir.resolve("json").resolve(c.name + "." + c.form + ".json"), c.json.getBytes(StandardCharsets.UTF_8));
                out.println(c.name + "\t" + c.form + "\t" + typed(c));
            }
        }
        badInput(cases.get(0));
        threads(cases);
        System.out.println("java: " + cases.size() + " cases, bad input and 8 threads ok");
    }

    /** The typed result as one line: verdict and facts, or error:<check>. */
    static String typed(Case c) throws Exception {
        try {
            Verification v = Verifier.verify(c.bundle, c.trust, c.now, new Policy(c.maxAge, c.requireSm2));
            check(v.toJson().equals(c.json), c.name + ": toJson() differs from verifyJson()");
            check(v.isValid() == (v.getVerdict() == cn.dengji.verify.Verdict.VALID), c.name + ": isValid");
            Certificate cert = v.getCertificate();
            return String.join("\t",
                "verdict:" + v.getVerdict().jsonName(),
                v.getCode(),
                v.getBlockHash(),
                Long.toString(v.getBlockNumber()),
                Long.toString(v.getSetId()),
                Long.toString(v.getFinalizedAt()),
                String.valueOf(v.getValidUntil()),
                String.valueOf(v.getStatusChangedAt()),
                String.valueOf(v.getSupersededBy()),
                String.valueOf(v.getCancelReason()),
                String.valueOf(v.getRevocationGround()),
                cert == null ? "-" : cert.getCode() + "/" + cert.getRegistration() + "/" + cert.getIssuer() + "/"
                    + cert.getValidUntil() + "/" + cert.getStatus() + "/" + cert.getDataName() + "/" + cert.getSignature(),
                cert == null ? "-" : sm2Fields(cert, v),
                v.getIssuer() == null ? "-" : v.getIssuer().getDivision() + "/" + v.getIssuer().getName() + "/" + v.getIssuer().getSigningKey()
                    + "/" + v.getIssuer().getSm2Key(),
                String.join(",", v.getAlgorithms()),
                String.valueOf(v.getSm3Digest()));
        } catch (VerificationException e) {
            check(e.getMessage().startsWith(e.getCheck() + ": "), c.name + ": exception message " + e.getMessage());
            return "error:" + e.getCheck() + "\t" + e.getMessage().substring(e.getCheck().length() + 2);
        }
    }

    /**
     * The certificate's SM2 getters (issue 14 §2) as one field: co-signed or not, SM2 key,
     * signature, stored SM3 digest, algorithms checked. Consistency with the verification's own
     * SM3 digest and algorithms is checked here.
     */
    static String sm2Fields(Certificate cert, Verification v) {
        check(cert.getAlgorithms().equals(v.getAlgorithms()), cert.getCode() + ": algorithms of the certificate and the verification");
        check(cert.hasSm2Signature() == (cert.getSm2Signature() != null), cert.getCode() + ": hasSm2Signature");
        check(cert.hasSm2Signature() == (cert.getSm2Key() != null && cert.getSm3Digest() != null), cert.getCode() + ": SM2 fields together");
        if (cert.hasSm2Signature()) {
            check(cert.getAlgorithms().contains("sm2-sm3"), cert.getCode() + ": co-signed but sm2-sm3 not checked");
            check(cert.getSm3Digest().equals(v.getSm3Digest()), cert.getCode() + ": stored SM3 digest vs the verifier's");
        }
        return cert.hasSm2Signature() + "/" + cert.getSm2Key() + "/" + cert.getSm2Signature() + "/" + cert.getSm3Digest()
            + "/" + String.join(",", cert.getAlgorithms());
    }

    static void badInput(Case c) throws Exception {
        expect(NullPointerException.class, () -> Verifier.verify(null, c.trust, c.now));
        expect(NullPointerException.class, () -> Verifier.verify(c.bundle, null, c.now));
        expect(NullPointerException.class, () -> Verifier.verifyJson(null, c.trust, c.now));
        expect(NullPointerException.class, () -> Verifier.verifyJson(c.bundle, null, c.now));
        expect(IllegalArgumentException.class, () -> Verifier.verify(c.bundle, c.trust, -1));
        expect(IllegalArgumentException.class, () -> Verifier.verifyJson(c.bundle, c.trust, c.now, -5));
        expect(NullPointerException.class, () -> Verifier.verify(c.bundle, c.trust, c.now, (Policy) null));
        expect(NullPointerException.class, () -> Verifier.verifyJson(c.bundle, c.trust, c.now, (Policy) null));
        expect(IllegalArgumentException.class, () -> new Policy(-1, true));
        // The natives themselves, reached past the Java checks.
        for (String name : new String[] {"verify0", "verifyJson0"}) {
            Method m = Verifier.class.getDeclaredMethod(name, byte[].class, String.class, long.class, long.class, boolean.class);
            m.setAccessible(true);
            expect(NullPointerException.class, () -> invoke(m, null, c.trust, c.now, 0L, true));
            expect(NullPointerException.class, () -> invoke(m, c.bundle, null, c.now, 0L, false));
            expect(IllegalArgumentException.class, () -> invoke(m, c.bundle, c.trust, -1L, 0L, true));
        }
        // Oversized inputs: refused by length, typed.
        byte[] huge = new byte[Verifier.MAX_BUNDLE_INPUT + 1];
        expectCheck("TooLarge", () -> Verifier.verify(huge, c.trust, c.now));
        check(Verifier.verifyJson(huge, c.trust, c.now).contains("\"check\": \"TooLarge\""), "verifyJson of a huge bundle");
        StringBuilder big = new StringBuilder();
        while (big.length() <= Verifier.MAX_TRUST_ROOT_JSON) big.append("          ");
        expectCheck("TooLarge", () -> Verifier.verify(c.bundle, big.toString(), c.now));
        // Garbage and empty input.
        expectCheck("Decode", () -> Verifier.verify(new byte[0], c.trust, c.now));
        expectCheck("Decode", () -> Verifier.verify("not a bundle".getBytes(StandardCharsets.UTF_8), c.trust, c.now));
        expectCheck("Decode", () -> Verifier.verify(c.bundle, "{\"genesis_hash\": 1}", c.now));
        byte[] truncated = java.util.Arrays.copyOf(c.bundle, c.bundle.length / 2);
        try {
            Verification v = Verifier.verify(truncated, c.trust, c.now);
            throw new AssertionError("truncated bundle verified: " + v);
        } catch (VerificationException expected) {
            // any check
        }
    }

    static void threads(List<Case> cases) throws Exception {
        final int threads = 8, rounds = 20;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int offset = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < cases.size(); i++) {
                            Case c = cases.get((i + offset) % cases.size());
                            String json = Verifier.verifyJson(c.bundle, c.trust, c.now, new Policy(c.maxAge, c.requireSm2));
                            check(json.equals(c.json), c.name + ": differs under threads");
                            String typed = typed(c);
                            check(typed.startsWith("verdict:") == (json.indexOf("\"error\"") < 0), c.name + ": typed vs json under threads");
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) th.join();
        if (failure.get() != null) {
            throw new AssertionError("thread failure", failure.get());
        }
        check(done.get() == threads * rounds * cases.size(), "threads finished " + done.get());
        System.out.println("java: " + done.get() + " verifications from " + threads + " threads agree");
    }

    interface Body { void run() throws Exception; }

    static Object invoke(Method m, Object... args) throws Exception {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) throw (Exception) e.getCause();
            throw e;
        }
    }

    static void expect(Class<? extends Throwable> type, Body body) throws Exception {
        try {
            body.run();
        } catch (Throwable e) {
            check(type.isInstance(e), "expected " + type.getSimpleName() + ", got " + e);
            return;
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", nothing thrown");
    }

    static void expectCheck(String check, Body body) throws Exception {
        try {
            body.run();
        } catch (VerificationException e) {
            check(e.getCheck().equals(check), "expected check " + check + ", got " + e.getCheck() + " (" + e.getMessage() + ")");
            return;
        }
        throw new AssertionError("expected VerificationException " + check + ", nothing thrown");
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
