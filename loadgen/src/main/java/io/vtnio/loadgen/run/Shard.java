package io.vtnio.loadgen.run;

/**
 * This process's part of a run split over {@code count} processes or pods ({@code --shard
 * INDEX/COUNT}, index from 0 as Kubernetes' {@code JOB_COMPLETION_INDEX}). Integer totals are
 * split as evenly as possible, the first {@code total % count} shards taking one more, so the
 * shares of all shards add up to the total exactly.
 *
 * <pre>{@code
 * Shard shard = Shard.parse("1/3");
 * shard.share(100);   // 33 (shards get 34, 33, 33)
 * shard.offset(100);  // 34: this shard's first global index
 * shard.shareOfRate(1000.0, 100);  // 330.0: the rate of its 33 of 100 connections
 * }</pre>
 *
 * <p>Threading: immutable.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be INDEX/COUNT with 0 <= INDEX < COUNT, got " + index + "/" + count);
        }
    }

    /** Parses {@code INDEX/COUNT}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not INDEX/COUNT, e.g. 0/4");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not INDEX/COUNT, e.g. 0/4");
        }
    }

    /** This shard's part of {@code total}. */
    public int share(int total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** Sum of the shares of the shards before this one: the first global index of this shard. */
    public int offset(int total) {
        return index * (total / count) + Math.min(index, total % count);
    }

    /**
     * This shard's part of a rate spread evenly over {@code spreadOver} units (connections,
     * publishers): in proportion to its {@link #share} of them, so the parts add up to the rate.
     */
    public double shareOfRate(double totalPerSec, int spreadOver) {
        return totalPerSec * share(spreadOver) / spreadOver;
    }

    public boolean isWhole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
