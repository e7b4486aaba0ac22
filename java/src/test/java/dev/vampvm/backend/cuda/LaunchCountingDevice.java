package dev.vampvm.backend.cuda;

import java.util.Map;
import java.util.TreeMap;

/** A device (the emulator, in the tests) that counts each kernel's launches and keeps the last block size of each. */
class LaunchCountingDevice extends ForwardingDevice {
    final Map<String, Integer> launches = new TreeMap<>();
    final Map<String, Integer> blocks = new TreeMap<>();

    LaunchCountingDevice(DeviceApi inner) {
        super(inner);
    }

    /** How many times {@code kernel} was launched. */
    int launches(String kernel) {
        return launches.getOrDefault(kernel, 0);
    }

    @Override
    public void launch(String kernel, int grid, int block, Object[] args) {
        launches.merge(kernel, 1, Integer::sum);
        blocks.put(kernel, block);
        super.launch(kernel, grid, block, args);
    }
}
