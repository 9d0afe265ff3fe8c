package org.activity4j.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Whether a text contains one of a set of strings, in time linear in the text whatever their number (an
 * Aho-Corasick automaton over {@code char}s, built once): what {@code text.contains(s)} for each means, as the
 * in-memory store tests an {@code OR} of many bare words against a summary folded once.
 */
final class SubstringSet {
    /** Per state, its transitions' characters (sorted) and their target states. */
    private final char[][] chars;

    private final int[][] targets;
    /** Per state, the state of its longest proper suffix that is a prefix of a string. */
    private final int[] failure;
    /** Per state, whether a string ends there or at a suffix of it. */
    private final boolean[] accepts;

    private SubstringSet(char[][] chars, int[][] targets, int[] failure, boolean[] accepts) {
        this.chars = chars;
        this.targets = targets;
        this.failure = failure;
        this.accepts = accepts;
    }

    /** The automaton of {@code strings} (an empty string is contained in every text). */
    static SubstringSet of(List<String> strings) {
        List<TreeMap<Character, Integer>> trie = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        trie.add(new TreeMap<>());
        ends.add(false);
        for (String s : strings) {
            int state = 0;
            for (int i = 0; i < s.length(); i++) {
                Integer next = trie.get(state).get(s.charAt(i));
                if (next == null) {
                    next = trie.size();
                    trie.add(new TreeMap<>());
                    ends.add(false);
                    trie.get(state).put(s.charAt(i), next);
                }
                state = next;
            }
            ends.set(state, true);
        }
        int n = trie.size();
        char[][] chars = new char[n][];
        int[][] targets = new int[n][];
        boolean[] accepts = new boolean[n];
        for (int state = 0; state < n; state++) {
            TreeMap<Character, Integer> edges = trie.get(state);
            chars[state] = new char[edges.size()];
            targets[state] = new int[edges.size()];
            int k = 0;
            for (var e : edges.entrySet()) {
                chars[state][k] = e.getKey();
                targets[state][k++] = e.getValue();
            }
            accepts[state] = ends.get(state);
        }
        int[] failure = new int[n];
        SubstringSet set = new SubstringSet(chars, targets, failure, accepts);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            accepts[state] |= accepts[failure[state]];
            for (int k = 0; k < chars[state].length; k++) {
                int child = targets[state][k];
                failure[child] = set.step(failure[state], chars[state][k]);
                queue.add(child);
            }
        }
        return set;
    }

    /** Whether {@code text} contains one of the strings. */
    boolean foundIn(String text) {
        if (accepts[0]) {
            return true;
        }
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            state = step(state, text.charAt(i));
            if (accepts[state]) {
                return true;
            }
        }
        return false;
    }

    /** The state after {@code c} from {@code state}, following failures (the root stays the root). */
    private int step(int state, char c) {
        while (true) {
            int k = Arrays.binarySearch(chars[state], c);
            if (k >= 0) {
                return targets[state][k];
            }
            if (state == 0) {
                return 0;
            }
            state = failure[state];
        }
    }
}
