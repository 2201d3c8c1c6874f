package io.vtnio.compare.verify;

import io.vtnio.conformance.Target;
import io.vtnio.core.Framing;
import io.vtnio.core.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Before {@code verify} runs its rules against an echo server: one line sent, its answer read, so
 * that a server started in another mode is named as such in one line, as {@code load} does, rather
 * than failing every echo rule as if its suffix were wrong. Only two answers are read as another
 * mode: the line back without the suffix (chat mode broadcasts a line to every member, the sender
 * included), a greeting followed by a close (hello mode), and an HTTP status line (an HTTP server). Anything else, a timeout included, is
 * left to the rules, which say exactly what is wrong.
 *
 * <p>Threading: stateless; blocks the calling thread for at most the timeout.
 */
final class ModeProbe {

    static final String PROBE = "vtnio verify: which mode?";

    private ModeProbe() {
    }

    /** Null when the target answers as an echo server, or nothing is clear; otherwise why it seems to run another mode. */
    static String anotherMode(Target target, int timeoutMs) {
        if (target.mode() != Mode.ECHO || target.framing() != Framing.LINE) {
            return null;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            try {
                socket.getOutputStream().write((PROBE + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedAlready) {
                // a hello server may have greeted and closed before the line went out: read what it said
            }
            InputStream in = socket.getInputStream();
            byte[] line = readLine(in);
            if (line == null) {
                return null;
            }
            String text = new String(line, StandardCharsets.UTF_8);
            if (!target.suffix().isEmpty() && text.equals(PROBE)) {
                return "the server sends lines back without the suffix " + quote(target.suffix())
                        + ": is it running --mode chat? then run verify --mode chat, or give verify the server's --suffix";
            }
            if (text.startsWith("HTTP/1.")) {
                return "the server answered " + quote(text.strip()) + ", an HTTP status line: is it running --mode http? "
                        + "then run verify --mode http";
            }
            if (!text.startsWith(PROBE) && in.read() < 0) {
                return "the server answered " + quote(text) + " and closed the connection: is it running "
                        + "--mode hello? then run verify --mode hello (with its --greeting)";
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String quote(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'";
    }

    /** The first line's bytes without its newline, or null when the stream ended or grew past 64 KiB first. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= 64 * 1024) {
                return null;
            }
            line.write(b);
        }
        return null;
    }
}
