package io.vtnio.core.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links in Markdown files that lead nowhere: a file that does not exist, or an
 * anchor ({@code page.md#anchor}, {@code #anchor}) that matches no heading of its page. Anchors
 * follow GitHub's rule: the heading's text, lowercased, with every character that is not a
 * letter, digit, space, {@code -} or {@code _} dropped and spaces turned into {@code -}; a repeated
 * heading gets {@code -1}, {@code -2}, ... Links and headings inside fenced code blocks and inline
 * code are not links. Web links ({@code http:}, {@code https:}, {@code mailto:}) are not checked.
 *
 * <p>Threading: an instance keeps a cache of anchors per page and is used by one thread.
 */
final class MarkdownLinks {

    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}_ -]");

    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

    /** Every broken link of {@code page}, as {@code page:line: target (why)}. */
    List<String> brokenLinks(Path page) {
        List<String> broken = new ArrayList<>();
        List<String> lines = outsideCodeBlocks(page);
        for (int number = 0; number < lines.size(); number++) {
            String line = lines.get(number);
            if (line == null) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                String why = whyBroken(page, target);
                if (why != null) {
                    broken.add(page.getFileName() + ":" + (number + 1) + ": " + target + " (" + why + ")");
                }
            }
        }
        return broken;
    }

    /** The anchors GitHub gives the headings of {@code page}. */
    Set<String> anchors(Path page) {
        return anchorsByPage.computeIfAbsent(page.toAbsolutePath().normalize(), this::readAnchors);
    }

    /** GitHub's anchor for a heading's Markdown text. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // a link shows its text
        text = NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return text.replace(' ', '-');
    }

    private String whyBroken(Path page, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: and the like are not relative links
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file " + resolved;
        }
        if (anchor == null || !resolved.getFileName().toString().endsWith(".md")) {
            return null;
        }
        return anchors(resolved).contains(anchor) ? null : "no heading with anchor #" + anchor;
    }

    private Set<String> readAnchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideCodeBlocks(page)) {
            if (line == null) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /** The page's lines, with those inside fenced code blocks (and the fences) as null. */
    private static List<String> outsideCodeBlocks(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> kept = new ArrayList<>(lines.size());
        String fence = null;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                kept.add(null);
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                kept.add(null);
            } else {
                kept.add(line);
            }
        }
        return kept;
    }
}
