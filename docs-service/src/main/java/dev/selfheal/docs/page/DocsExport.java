package dev.selfheal.docs.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The documentation of every service as one zip: {@code index.md} and {@code <service>.md} for each. */
final class DocsExport {

    private DocsExport() {
    }

    static byte[] zip(List<DocVersion> latest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            add(zip, "index.md", index(latest));
            for (DocVersion v : latest) {
                add(zip, fileName(v.service), v.markdown);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written", e);
        }
        return bytes.toByteArray();
    }

    private static String index(List<DocVersion> latest) {
        StringBuilder md = new StringBuilder("# Services\n\n");
        if (latest.isEmpty()) {
            return md.append("No service is documented yet.\n").toString();
        }
        md.append("| service | version | generated | handlers | fixes |\n|---|---:|---|---:|---:|\n");
        for (DocVersion v : latest) {
            md.append("| [").append(v.service).append("](").append(fileName(v.service)).append(") | ")
                    .append(v.version).append(" | ").append(v.generatedAt).append(" | ").append(v.handlerCount)
                    .append(" | ").append(v.fixCount).append(" |\n");
        }
        return md.toString();
    }

    /** A file name for the service that stays inside the archive whatever the service is called. */
    static String fileName(String service) {
        return service.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.+", "_") + ".md";
    }

    private static void add(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write((content == null ? "" : content).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
