package dev.flowrunner.live;

/** Someone a live channel sends messages to; sending never blocks the caller. */
interface Subscriber {

    void send(String message);

    /** Ends the subscription: there is nothing more to follow. */
    void end(String why);
}
