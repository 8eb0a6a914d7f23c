package dev.flowrunner.domain;

/**
 * A piece of what a running worker's runner has written to one of its output streams, ready to show: whole lines,
 * secret values masked.
 *
 * @param stream     {@code stdout} or {@code stderr} of a local process; {@code log} for a pod, whose container log
 *                   holds both as Kubernetes interleaves them
 * @param nextOffset the byte offset to ask from next time; the same as the one asked for when nothing new is complete
 * @param capped     the stream has reached the live view's size limit: the rest is read from the stored file once
 *                   the attempt has ended
 */
public record OutputSlice(String stream, long offset, long nextOffset, String text, boolean capped) {
}
