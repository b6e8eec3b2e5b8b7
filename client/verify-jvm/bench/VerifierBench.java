import cn.dengji.verify.Policy;
import cn.dengji.verify.Verification;
import cn.dengji.verify.Verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * JVM side of scripts/bench-jvm.sh: for each case name, reads {@code <dir>/<name>.bundle},
 * {@code .trust} and {@code .args} (nowMillis, maxAgeMillis, requireSm2) written by the native
 * example, and prints {@code jvm <name> <verifications per second>} for {@link Verifier#verify}
 * (typed result), single thread, best of 10 rounds of 0.3 s after a warm-up (JIT).
 */
public final class VerifierBench {
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        for (int a = 1; a < args.length; a++) {
            String name = args[a];
            byte[] bundle = Files.readAllBytes(dir.resolve(name + ".bundle"));
            String trust = new String(Files.readAllBytes(dir.resolve(name + ".trust")), StandardCharsets.UTF_8);
            String[] f = new String(Files.readAllBytes(dir.resolve(name + ".args")), StandardCharsets.UTF_8).trim().split("\t");
            long now = Long.parseLong(f[0]);
            Policy policy = new Policy(Long.parseLong(f[1]), Boolean.parseBoolean(f[2]));
            for (int i = 0; i < 2000; i++) {
                check(Verifier.verify(bundle, trust, now, policy));
            }
            double best = 0;
            for (int r = 0; r < 10; r++) {
                long start = System.nanoTime();
                long n = 0;
                double secs;
                do {
                    check(Verifier.verify(bundle, trust, now, policy));
                    n++;
                    secs = (System.nanoTime() - start) / 1e9;
                } while (secs < 0.3);
                best = Math.max(best, n / secs);
            }
            System.out.printf("jvm\t%s\t%.0f%n", name, best);
        }
    }

    static void check(Verification v) {
        if (!v.isValid()) throw new AssertionError("not valid: " + v);
    }
}
