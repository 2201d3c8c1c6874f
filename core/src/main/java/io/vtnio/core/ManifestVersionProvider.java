package io.vtnio.core;

import picocli.CommandLine.IVersionProvider;

/**
 * picocli version provider reading {@code Implementation-Version} from the jar manifest,
 * as picocli's own examples do; {@code dev} when running from classes.
 */
public final class ManifestVersionProvider implements IVersionProvider {

    /** The version of vtnio in use. */
    public static String version() {
        String version = ManifestVersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vtnio " + version() + " (Java " + Runtime.version() + ")"};
    }
}
