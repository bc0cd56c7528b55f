package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The ranges a stream still has to mask: union semantics, and a cost per occurrence that does not grow with their number. */
class MaskedRangesTest {

    private static final int OCCURRENCES = 100_000;

    @Test
    void backToBackOccurrencesCostConstantWorkEach() {
        MaskedRanges ranges = new MaskedRanges();
        for (long i = 0; i < OCCURRENCES; i++) {
            ranges.add(6 * i, 6 * i + 6);
        }
        assertThat(ranges.size()).isEqualTo(OCCURRENCES);
        // A scan from the front touched every pending range for each new one: 5e9 steps here.
        assertThat(ranges.work()).isLessThanOrEqualTo(4L * OCCURRENCES);
    }

    @Test
    void overlappingOccurrencesMergeWithConstantWorkEach() {
        MaskedRanges ranges = new MaskedRanges();
        for (long i = 0; i < OCCURRENCES; i++) {
            // "aaaa..." against the secrets "aaa" and "aaaaaa": each occurrence overlaps the last, some start earlier.
            ranges.add(i, i + 3);
            ranges.add(i - 3, i + 3);
        }
        assertThat(ranges.size()).isEqualTo(1);
        assertThat(ranges.work()).isLessThanOrEqualTo(8L * OCCURRENCES);
    }

    /** Rotation rescans held-back bytes, so ranges may also arrive out of order: the union must still be right. */
    @Property(tries = 2_000)
    void anyOrderOfAdditionsGivesTheSameRangesAsANaiveList(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 60) Integer> starts,
            @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 8) Integer> lengths) {
        MaskedRanges ranges = new MaskedRanges();
        List<long[]> naive = new ArrayList<>();
        for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
            long start = starts.get(i);
            long stop = start + lengths.get(i);
            ranges.add(start, stop);
            naiveAdd(naive, start, stop);
        }
        List<long[]> actual = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            actual.add(new long[] {ranges.start(i), ranges.end(i)});
        }
        assertThat(actual).containsExactlyElementsOf(naive);
    }

    /** Merges every range the new one overlaps (touching ranges stay apart: each gets its own marker). */
    private static void naiveAdd(List<long[]> list, long start, long stop) {
        long s = start;
        long e = stop;
        List<long[]> kept = new ArrayList<>();
        for (long[] r : list) {
            if (r[0] < stop && r[1] > start) {
                s = Math.min(s, r[0]);
                e = Math.max(e, r[1]);
            } else {
                kept.add(r);
            }
        }
        kept.add(new long[] {s, e});
        kept.sort((a, b) -> Long.compare(a[0], b[0]));
        list.clear();
        list.addAll(kept);
    }
}
