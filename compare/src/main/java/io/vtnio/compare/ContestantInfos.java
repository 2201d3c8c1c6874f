package io.vtnio.compare;

import io.vtnio.compare.launch.Contestant;
import io.vtnio.compare.launch.CpuAllotment;
import io.vtnio.compare.launch.CpuPlan;
import io.vtnio.compare.launch.JavaLaunch;
import io.vtnio.compare.report.summary.ContestantInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The contestants as the report and {@code summary.json} describe them: each one's command
 * (vtnio's scenario flags shown as {@code FLAGS}) and, under a {@link CpuPlan}, the CPUs it had
 * and the exact options that told it so.
 *
 * <p>Threading: stateless.
 */
final class ContestantInfos {

    private ContestantInfos() {
    }

    /** @param cpus the plan they ran under, or null when it varies (the steps of {@code --scaling}) */
    static List<ContestantInfo> of(List<Contestant> contestants, JavaLaunch java, CpuPlan cpus) {
        List<ContestantInfo> infos = new ArrayList<>();
        for (Contestant contestant : contestants) {
            CpuAllotment allotment = cpus == null ? null : cpus.allotment(contestant);
            String command;
            if (contestant.isJvm()) {
                List<String> flags = new ArrayList<>(List.of("--port", "0", "FLAGS"));
                flags.addAll(allotment == null ? List.of() : allotment.serverArgs());
                command = String.join(" ", java.server(contestant.builtIn(),
                        allotment == null ? List.of() : allotment.jvmOptions(), flags, null));
            } else {
                command = contestant.template();
            }
            infos.add(allotment == null ? new ContestantInfo(contestant.name(), command)
                    : new ContestantInfo(contestant.name(), command, allotment.cpus(), cpus.serverCpusText(),
                            allotment.told(), allotment.toldArguments()));
        }
        return infos;
    }
}
