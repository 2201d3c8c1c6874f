package io.vtnio.compare.report.profile;

/**
 * A method found on top of the stack by the flight recorder's execution samples.
 *
 * <p>Threading: immutable.
 *
 * @param method  {@code package.Class.method}
 * @param samples samples with this method on top
 * @param share   {@code samples} over all execution samples of the window (0..1)
 */
public record HotMethod(String method, long samples, double share) {

    /** Whether it is vtnio's own code rather than the JDK's or a library's. */
    public boolean own() {
        return method.startsWith("io.vtnio.");
    }
}
