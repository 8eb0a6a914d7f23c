package dev.flowrunner.infrastructure.collect;

/**
 * The collector container's exit codes beyond the runner's own (which it ends with when the results are stored): the
 * collector writes them, the launcher reads them from the pod's status.
 */
public final class CollectorExit {

    /** The results could not be stored: the launcher then keeps the pod for a look. */
    public static final int STORE_FAILED = 70;
    /** The runner never wrote its end marker in time; what it wrote is stored. */
    public static final int NO_END_MARKER = 71;

    private CollectorExit() {
    }
}
