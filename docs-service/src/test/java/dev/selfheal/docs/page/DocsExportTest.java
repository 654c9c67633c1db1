package dev.selfheal.docs.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocsExportTest {

    @Test
    void aServiceNameNeverLeavesTheArchivesTopFolder() {
        assertThat(DocsExport.fileName("checkout")).isEqualTo("checkout.md");
        assertThat(DocsExport.fileName("../../etc/passwd")).isEqualTo("__.._etc_passwd.md");
        assertThat(DocsExport.fileName("shop/cart")).isEqualTo("shop_cart.md");
    }
}
