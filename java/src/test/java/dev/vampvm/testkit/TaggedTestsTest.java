package dev.vampvm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The GPU machine's test runner must pass only when tests ran and every one of them passed. */
class TaggedTestsTest {

    @Test
    void passesWhenEveryTaggedTestPasses() throws Exception {
        assertEquals(0, TaggedTests.run("testkit-sample-passes"));
    }

    @Test
    void failsWhenNoTestHasTheTag() throws Exception {
        assertEquals(1, TaggedTests.run("testkit-no-such-tag"));
    }

    @Test
    void failsWhenATaggedTestIsAborted() throws Exception {
        // What a gpu-tagged test does on a machine without a usable GPU: it checked nothing.
        assertEquals(1, TaggedTests.run("testkit-sample-aborts"));
    }

    @Tag("testkit-sample-passes")
    static class Passing {
        @Test
        void passes() {
            assertEquals(4, 2 + 2);
        }
    }

    @Tag("testkit-sample-aborts")
    static class Aborting {
        @Test
        void aborts() {
            assumeTrue(false, "the sample's assumption never holds");
        }
    }
}
