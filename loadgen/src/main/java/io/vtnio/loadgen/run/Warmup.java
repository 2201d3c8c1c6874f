package io.vtnio.loadgen.run;

import io.vtnio.core.HumanDuration;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How long traffic runs before measuring: a fixed time ({@code --warmup 2s}), or until the run is
 * steady ({@code --warmup auto}, see {@link SteadyStateDetector}) but at most {@code max}, with
 * the server's JIT watched through its stats lines when {@code serverStats} names their file.
 *
 * @param fixed       the fixed warm-up, or null for auto
 * @param max         auto: the upper bound; null for a fixed warm-up
 * @param serverStats the file the server writes its stats lines to, or null: auto watches its JIT
 *                    there, a sweep ({@link SweepReporter}) its CPU time
 *
 * <p>Threading: immutable.
 */
public record Warmup(Duration fixed, Duration max, Path serverStats) {

    /** The value of {@code --warmup} that asks for detection. */
    static final String AUTO = "auto";
    /** Default {@code --warmup-max}. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

    static Warmup fixed(Duration time) {
        return new Warmup(time, null, null);
    }

    public static Warmup auto(Duration max, Path serverStats) {
        return new Warmup(null, max, serverStats);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** The longest this warm-up can last. */
    public Duration longest() {
        return isAuto() ? max : fixed;
    }

    /** As the command line says it: {@code 2s} or {@code auto}. */
    public String argument() {
        return isAuto() ? AUTO : HumanDuration.format(fixed);
    }

    /** For the run's title: {@code 2s warm-up} or {@code auto warm-up (at most 30s)}. */
    public String describe() {
        return isAuto() ? "auto warm-up (at most " + HumanDuration.format(max) + ")"
                : HumanDuration.format(fixed) + " warm-up";
    }

    /**
     * picocli converter for {@code --warmup}: {@code auto} (with the default bound, which
     * {@code --warmup-max} may replace) or a duration.
     */
    public static final class Converter implements ITypeConverter<Warmup> {
        @Override
        public Warmup convert(String value) {
            if (AUTO.equalsIgnoreCase(value.trim())) { // any case, as compare took it before sharing this converter
                return auto(DEFAULT_MAX, null);
            }
            try {
                return fixed(HumanDuration.parse(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + "; or auto, to warm up until steady");
            }
        }
    }
}
