package dev.callscope.demo;

/** A catalog profile with the ids it gets in one generated workload. */
record DemoFunction(FunctionProfile profile, String appId, String functionId) {}
