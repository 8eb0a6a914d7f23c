package dev.flowrunner.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/api")
public class FlowrunnerApi extends Application {
}
