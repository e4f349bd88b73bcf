package org.forumkit.censor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An Aho–Corasick automaton over chars: built once from the folded words, it finds all of them in one pass. */
final class AhoCorasick {
    /** Outgoing edges of each node as sorted keys with their targets, searched by binary search. */
    private final char[][] keys;
    private final int[][] targets;
    private final int[] fail;
    /** The word ending at a node, or -1. */
    private final int[] word;
    /** The nearest node on the fail chain that ends a word, or -1: reports every overlapping match. */
    private final int[] output;
    private final int[] lengths;

    AhoCorasick(List<String> words) {
        List<Map<Character, Integer>> edges = new ArrayList<>();
        List<Integer> wordAt = new ArrayList<>();
        edges.add(new HashMap<>());
        wordAt.add(-1);
        lengths = new int[words.size()];
        for (int w = 0; w < words.size(); w++) {
            String text = words.get(w);
            lengths[w] = text.length();
            int node = 0;
            for (int i = 0; i < text.length(); i++) {
                Integer next = edges.get(node).get(text.charAt(i));
                if (next == null) {
                    next = edges.size();
                    edges.add(new HashMap<>());
                    wordAt.add(-1);
                    edges.get(node).put(text.charAt(i), next);
                }
                node = next;
            }
            wordAt.set(node, w);
        }
        int size = edges.size();
        keys = new char[size][];
        targets = new int[size][];
        word = new int[size];
        for (int n = 0; n < size; n++) {
            Map<Character, Integer> out = edges.get(n);
            char[] k = new char[out.size()];
            int j = 0;
            for (char c : out.keySet()) {
                k[j++] = c;
            }
            Arrays.sort(k);
            int[] t = new int[k.length];
            for (j = 0; j < k.length; j++) {
                t[j] = out.get(k[j]);
            }
            keys[n] = k;
            targets[n] = t;
            word[n] = wordAt.get(n);
        }
        fail = new int[size];
        output = new int[size];
        output[0] = -1;
        Deque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            fail[child] = 0;
            output[child] = -1;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int j = 0; j < keys[node].length; j++) {
                char c = keys[node][j];
                int child = targets[node][j];
                int f = fail[node];
                while (f > 0 && edge(f, c) < 0) {
                    f = fail[f];
                }
                int to = edge(f, c);
                fail[child] = to >= 0 && to != child ? to : 0;
                output[child] = word[fail[child]] >= 0 ? fail[child] : output[fail[child]];
                queue.add(child);
            }
        }
    }

    /** Receives each match as the word's index and the range of the searched text it covers. */
    interface Hits {
        void hit(int word, int start, int end);
    }

    void search(CharSequence text, Hits hits) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next = edge(node, c);
            while (next < 0 && node > 0) {
                node = fail[node];
                next = edge(node, c);
            }
            node = next < 0 ? 0 : next;
            for (int n = word[node] >= 0 ? node : output[node]; n >= 0; n = output[n]) {
                hits.hit(word[n], i + 1 - lengths[word[n]], i + 1);
            }
        }
    }

    private int edge(int node, char c) {
        int j = Arrays.binarySearch(keys[node], c);
        return j < 0 ? -1 : targets[node][j];
    }
}
