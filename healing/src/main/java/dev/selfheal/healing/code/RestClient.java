package dev.selfheal.healing.code;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MicroProfile REST client interface and the dependency it calls.
 *
 * @param file          the interface's source file
 * @param path          the file relative to the repository's root
 * @param interfaceName the interface's fully qualified name
 * @param configKey     its {@code @RegisterRestClient(configKey)}, or null
 * @param url           the URL it is configured with ({@code application.properties} or {@code baseUri})
 * @param urlProperty   the property holding that URL, or null when it comes from {@code baseUri}
 */
public record RestClient(Path file, String path, String interfaceName, String configKey, String url,
        String urlProperty) {

    // quarkus.rest-client.<key>.url|uri, with the key optionally quoted; and the older <key>/mp-rest/url|uri.
    private static final Pattern QUARKUS_KEY = Pattern.compile("quarkus\\.rest-client\\.\"?([^\"]+?)\"?\\.(url|uri)");
    private static final Pattern MP_KEY = Pattern.compile("(.+)/mp-rest/(url|uri)");
    private static final Pattern AUTHORITY = Pattern.compile("(?i)(https?)://([^/:${}\\s]+)(?::(\\d+))?");

    /**
     * The REST client calling a dependency as telemetry names it ({@code host:port}, or a bare host as
     * {@code peer.service} gives it): through an {@code application.properties} URL naming that host, then a
     * {@code baseUri} naming it. Empty when no interface in the tree calls it.
     */
    public static Optional<RestClient> find(SourceTree tree, String dependency) {
        if (dependency == null || dependency.isBlank()) {
            return Optional.empty();
        }
        String host = dependency.contains(":") ? dependency.substring(0, dependency.lastIndexOf(':')) : dependency;
        String port = dependency.contains(":") ? dependency.substring(dependency.lastIndexOf(':') + 1) : null;
        Map<String, String> properties = tree.properties();
        for (Path file : tree.javaFiles()) {
            Optional<CompilationUnit> unit = JavaSources.parse(tree, file);
            if (unit.isEmpty()) {
                continue;
            }
            for (ClassOrInterfaceDeclaration type : unit.get().findAll(ClassOrInterfaceDeclaration.class)) {
                Optional<AnnotationExpr> register = type.getAnnotationByName("RegisterRestClient");
                if (!type.isInterface() || register.isEmpty()) {
                    continue;
                }
                String fqn = type.getFullyQualifiedName().orElse(type.getNameAsString());
                String configKey = JavaSources.attribute(register.get(), "configKey").orElse(null);
                for (Map.Entry<String, String> entry : properties.entrySet()) {
                    String key = clientKey(entry.getKey());
                    if (key != null && (key.equals(configKey) || key.equals(fqn))
                            && names(entry.getValue(), host, port)) {
                        return Optional.of(new RestClient(file, tree.relative(file), fqn, configKey,
                                entry.getValue(), entry.getKey()));
                    }
                }
                Optional<String> baseUri = JavaSources.attribute(register.get(), "baseUri");
                if (baseUri.isPresent() && names(baseUri.get(), host, port)) {
                    return Optional.of(new RestClient(file, tree.relative(file), fqn, configKey, baseUri.get(), null));
                }
            }
        }
        return Optional.empty();
    }

    /** The client key an {@code application.properties} URL entry configures, or null for other entries. */
    public static String clientKey(String property) {
        if (property.startsWith("%")) {
            return null;
        }
        Matcher quarkus = QUARKUS_KEY.matcher(property);
        if (quarkus.matches()) {
            return quarkus.group(1);
        }
        Matcher mp = MP_KEY.matcher(property);
        return mp.matches() ? mp.group(1) : null;
    }

    /**
     * Whether a configured URL (possibly {@code ${ENV:default}}) names the host, and the port when telemetry gave
     * one (the scheme's default port when the URL has none).
     */
    static boolean names(String url, String host, String port) {
        Matcher m = AUTHORITY.matcher(url);
        while (m.find()) {
            String urlPort = m.group(3) != null ? m.group(3) : m.group(1).equalsIgnoreCase("https") ? "443" : "80";
            if (m.group(2).toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))
                    && (port == null || port.equals(urlPort))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code host:port} a URL names (the scheme's default port when it has none). */
    public static Optional<String> authorityOf(String url) {
        Matcher m = AUTHORITY.matcher(url);
        if (!m.find()) {
            return Optional.empty();
        }
        String port = m.group(3) != null ? m.group(3) : m.group(1).equalsIgnoreCase("https") ? "443" : "80";
        return Optional.of(m.group(2) + ":" + port);
    }

    /** The environment variable that overrides the URL property, as MicroProfile Config maps names. */
    public Optional<String> urlEnvironmentVariable() {
        return Optional.ofNullable(urlProperty).map(RestClient::environmentVariableOf);
    }

    /** The environment variable MicroProfile Config reads for a property. */
    public static String environmentVariableOf(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
