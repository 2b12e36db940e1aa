package dev.northstar.devstack;

import dev.northstar.contracts.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./northstar token}: prints a bearer token of the local run.
 * <pre>
 *   ./northstar token --role product-owner --product 3f0c...   one role, one product
 *   ./northstar token --role viewer --role contributor --all-products --subject ann@example.com --hours 1
 * </pre>
 */
public final class Token {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", ".")).toAbsolutePath().normalize();
        Path data = Devstack.Settings.fromEnvironment(root).dataDir();
        List<String> roles = new ArrayList<>();
        List<String> products = new ArrayList<>();
        String subject = null;
        long hours = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--role" -> roles.add(value(args, ++i));
                case "--product" -> products.add(value(args, ++i));
                case "--all-products" -> products.add(Roles.EVERY_PRODUCT);
                case "--subject" -> subject = value(args, ++i);
                case "--hours" -> hours = Long.parseLong(value(args, ++i));
                default -> fail("unknown option " + args[i]);
            }
        }
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                fail("unknown role " + role + "; roles: " + new java.util.TreeSet<>(Roles.ALL));
            }
        }
        if (roles.isEmpty() || products.isEmpty()) {
            fail("name at least one --role and either --product <id> (repeatable) or --all-products");
        }
        LocalSigningKey key = LocalSigningKey.load(data);
        System.out.println(key.mint(subject != null ? subject : roles.getFirst() + "@localhost", roles, products,
                Duration.ofHours(hours)));
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            fail(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static void fail(String message) {
        System.err.println("./northstar token: " + message);
        System.err.println("usage: ./northstar token --role <" + String.join("|", new java.util.TreeSet<>(Roles.ALL))
                + "> ... (--product <id> ... | --all-products) [--subject <name>] [--hours <n>]");
        System.exit(2);
    }
}
