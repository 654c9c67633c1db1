package dev.selfheal.healing.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExceptionMapperWriterTest {

    @TempDir
    Path dir;

    @Test
    void findsTheResourceMethodOfARoute() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));

        assertThat(HandlerMethod.find(tree, "GET /orders/{id}")).get().extracting(HandlerMethod::methodName)
                .isEqualTo("get");
        assertThat(HandlerMethod.find(tree, "GET /orders/42")).get().extracting(HandlerMethod::methodName)
                .isEqualTo("get");
        assertThat(HandlerMethod.find(tree, "POST /orders")).get().extracting(HandlerMethod::methodName)
                .isEqualTo("create");
        assertThat(HandlerMethod.find(tree, "DELETE /orders/42")).isEmpty();
    }

    @Test
    void writesAProblemJsonMapperInTheResourcePackage() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        HandlerMethod handler = HandlerMethod.find(tree, "POST /orders").orElseThrow();

        SourceEdit edit = ExceptionMapperWriter.write(tree, "com.acme.orders.OutOfStockException", handler,
                "Seen 12 times.").orElseThrow();

        assertThat(edit.path()).isEqualTo("orders/src/main/java/com/acme/orders/OutOfStockExceptionMapper.java");
        assertThat(edit.diff()).startsWith("--- /dev/null\n+++ b/orders/src/main/java/com/acme/orders/"
                + "OutOfStockExceptionMapper.java\n");
        assertThat(edit.revised()).contains("@Provider", "implements ExceptionMapper<OutOfStockException>",
                "Response.status(409)", "application/problem+json");
    }

    @Test
    void statusesFitTheException() {
        assertThat(ExceptionMapperWriter.statusFor("java.lang.IllegalArgumentException")).isEqualTo(400);
        assertThat(ExceptionMapperWriter.statusFor("java.util.NoSuchElementException")).isEqualTo(404);
        assertThat(ExceptionMapperWriter.statusFor("java.net.ConnectException")).isEqualTo(503);
        assertThat(ExceptionMapperWriter.statusFor("java.lang.NullPointerException")).isEqualTo(500);
    }
}
