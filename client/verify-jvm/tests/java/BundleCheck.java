import cn.dengji.verify.Certificate;
import cn.dengji.verify.Issuer;
import cn.dengji.verify.Policy;
import cn.dengji.verify.Verification;
import cn.dengji.verify.VerificationException;
import cn.dengji.verify.Verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * A bank's check of one bundle it was handed, as a command:
 * {@code java BundleCheck <bundle file> <trust-root file> <nowMillis> <requireSm2> <json out>}.
 * Verifies with {@code Verifier.verify(…, Policy.defaults()[.requiringSm2()])}, prints the typed
 * result as {@code key=value} lines (verdict and the SM2 facts through the getters, or the failed
 * check), and writes {@code Verifier.verifyJson} with the same policy to {@code <json out>}.
 * Driven by tests/tests/sm2_network.rs (issue 14 "done when": a certificate co-signed on the local
 * network verifies Valid from Java with the SM2 check required). Exits 0 after printing either a
 * verdict or a failed check; anything else (a bug) exits non-zero.
 */
public final class BundleCheck {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BundleCheck <bundle> <trust root> <nowMillis> <requireSm2> <json out>");
            System.exit(2);
        }
        byte[] bundle = Files.readAllBytes(Paths.get(args[0]));
        String trust = new String(Files.readAllBytes(Paths.get(args[1])), StandardCharsets.UTF_8);
        long now = Long.parseLong(args[2]);
        Policy policy = Boolean.parseBoolean(args[3]) ? Policy.defaults().requiringSm2() : Policy.defaults();
        Files.write(Paths.get(args[4]), Verifier.verifyJson(bundle, trust, now, policy).getBytes(StandardCharsets.UTF_8));
        try {
            Verification v = Verifier.verify(bundle, trust, now, policy);
            line("verdict", v.getVerdict().jsonName());
            line("valid", v.isValid());
            line("code", v.getCode());
            line("block", v.getBlockNumber());
            line("algorithms", String.join(",", v.getAlgorithms()));
            line("sm3_digest", v.getSm3Digest());
            Certificate c = v.getCertificate();
            if (c != null) {
                line("certificate.issuer", c.getIssuer());
                line("certificate.sm2_signature", c.hasSm2Signature());
                line("certificate.sm2_key", c.getSm2Key());
                line("certificate.sm3_digest", c.getSm3Digest());
                line("certificate.algorithms", String.join(",", c.getAlgorithms()));
            }
            Issuer i = v.getIssuer();
            if (i != null) {
                line("issuer.sm2_key", i.getSm2Key());
            }
        } catch (VerificationException e) {
            line("error", e.getCheck());
            line("message", e.getMessage());
        }
    }

    static void line(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
