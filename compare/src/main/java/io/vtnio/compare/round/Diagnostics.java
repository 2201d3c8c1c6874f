package io.vtnio.compare.round;

import io.vtnio.compare.profile.SyscallCounter;

/**
 * What {@code compare} records beyond its figures to explain them: a flight recording per server
 * run ({@code --profile}) and system calls by kind ({@code --syscalls}).
 *
 * <p>Threading: immutable.
 *
 * @param profile  whether to record each server run with the JDK Flight Recorder
 * @param syscalls how to count system calls (perf, or why it cannot), or null when not asked for
 */
public record Diagnostics(boolean profile, SyscallCounter syscalls) {

    static final Diagnostics NONE = new Diagnostics(false, null);

    /** Whether system calls are counted: asked for, and perf can. */
    public boolean countsSyscalls() {
        return syscalls != null && syscalls.available();
    }
}
