package io.vtnio.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Objects;
import org.junit.jupiter.api.Test;

class ManifestVersionProviderTest {

    @Test
    void versionIsTheManifestsOrDevWhenRunningFromClasses() {
        String manifest = ManifestVersionProvider.class.getPackage().getImplementationVersion();
        assertEquals(Objects.requireNonNullElse(manifest, "dev"), ManifestVersionProvider.version());
    }

    @Test
    void versionLineNamesVtnioAndTheJava() {
        assertArrayEquals(new String[] {"vtnio " + ManifestVersionProvider.version() + " (Java " + Runtime.version() + ")"},
                new ManifestVersionProvider().getVersion());
    }
}
