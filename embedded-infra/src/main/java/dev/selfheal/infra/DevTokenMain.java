package dev.selfheal.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Prints a development bearer token: {@code DevTokenMain <key-dir> <name> [role...]} (default role
 * {@code approver}). The token is alone on the last line, so {@code $(./selfheal token alice)} captures it.
 * With only {@code <key-dir>}, makes sure the key pair exists and prints the public key's path.
 */
public final class DevTokenMain {

    private DevTokenMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: DevTokenMain <key-dir> [<name> [role...]]");
            System.exit(2);
        }
        if (args.length == 1) {
            System.out.println(DevTokens.in(Path.of(args[0])).publicKeyFile().toAbsolutePath());
            return;
        }
        Set<String> roles = args.length > 2 ? new LinkedHashSet<>(Arrays.asList(args).subList(2, args.length))
                : Set.of("approver");
        System.out.println(DevTokens.in(Path.of(args[0])).token(args[1], roles, Duration.ofHours(8)));
    }
}
