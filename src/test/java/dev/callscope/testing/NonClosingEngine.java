package dev.callscope.testing;

import dev.callscope.engine.Engine;

/** Hands the shared test engine to code that closes what it is given (the app does). */
public final class NonClosingEngine extends DelegatingEngine {

    public NonClosingEngine(Engine delegate) {
        super(delegate);
    }
}
