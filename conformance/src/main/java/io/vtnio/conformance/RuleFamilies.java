package io.vtnio.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Narrows a {@link ServerConformanceSuite} subclass to some rule families. The platform-thread
 * build of the blocking server runs the very code of the virtual-thread one, so only the families
 * where the kind of thread can change the outcome (blocking, interrupting, stopping, many
 * connections at once) need running a second time:
 *
 * <pre>{@code
 * @RuleFamilies(value = {"Lifecycle", "Concurrency"}, reason = "...")
 * class PlatformThreadServerConformanceTest extends ServerConformanceSuite { ... }
 * }</pre>
 *
 * A suite without the annotation runs every family. The families left out are reported as
 * skipped, with the reason, so the narrowing shows in every test report.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleFamilies {

    /**
     * The rule families to run, by the names of {@link ServerConformanceSuite}'s nested classes
     * ({@code "Lifecycle"}, {@code "Faults"}, ...); a name that is none of them is an error.
     */
    String[] value();

    /** Why the others are skipped, shown in the test report. */
    String reason();

    /**
     * Skips a family's nested class when the outermost test class narrows the families and this one
     * is not among them. Registered by {@link ServerConformanceSuite}.
     *
     * <p>Threading: stateless; JUnit may call it from any thread.
     */
    final class Selection implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<Class<?>> family = context.getTestClass().filter(ServerRules.class::isAssignableFrom);
            if (family.isEmpty() || context.getTestMethod().isPresent()) {
                return ConditionEvaluationResult.enabled("not a rule family");
            }
            ExtensionContext outermost = context;
            while (outermost.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
                outermost = outermost.getParent().orElseThrow();
            }
            RuleFamilies narrowed = outermost.getRequiredTestClass().getAnnotation(RuleFamilies.class);
            if (narrowed == null) {
                return ConditionEvaluationResult.enabled("every family runs");
            }
            Set<String> families = Arrays.stream(ServerConformanceSuite.class.getDeclaredClasses())
                    .map(Class::getSimpleName).collect(Collectors.toSet());
            for (String name : narrowed.value()) {
                if (!families.contains(name)) {
                    throw new IllegalArgumentException("@RuleFamilies names " + name + ", which is no rule family of "
                            + "ServerConformanceSuite: " + new TreeSet<>(families));
                }
            }
            return Arrays.asList(narrowed.value()).contains(family.get().getSimpleName())
                    ? ConditionEvaluationResult.enabled("a chosen rule family")
                    : ConditionEvaluationResult.disabled(narrowed.reason());
        }
    }
}
