package dev.coffer.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.agent.core.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceTypeDetectorTest {

    @TempDir
    Path root;

    private final String bareMetalCpu = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr sse sse2 hypervisor_x\n";

    private TestHost host() {
        return new TestHost(root, "box", Instant.EPOCH);
    }

    private void write(String file, String content) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    private DeviceTypeDetector.Detection detect(TestHost host) {
        return new DeviceTypeDetector(host.host()).detect();
    }

    @Test
    void aHypervisorVendorInDmiIsAVm() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "QEMU\n");
        write("sys/class/power_supply/BAT0/type", "Battery\n");

        DeviceTypeDetector.Detection detection = detect(host());

        assertThat(detection.type()).isEqualTo(DeviceType.VM);
        assertThat(detection.reason()).isEqualTo("'QEMU' in /sys/class/dmi/id/sys_vendor");
    }

    @Test
    void aVirtualProductNameIsAVm() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "Microsoft Corporation\n");
        write("sys/class/dmi/id/product_name", "Virtual Machine\n");

        assertThat(detect(host()).type()).isEqualTo(DeviceType.VM);
    }

    @Test
    void theHypervisorCpuFlagIsAVm() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "Dell Inc.\n");
        write("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse hypervisor lahf_lm\n");

        DeviceTypeDetector.Detection detection = detect(host());

        assertThat(detection.type()).isEqualTo(DeviceType.VM);
        assertThat(detection.reason()).isEqualTo("hypervisor flag in /proc/cpuinfo");
    }

    @Test
    void systemdDetectVirtIsAskedLast() throws IOException {
        write("proc/cpuinfo", bareMetalCpu);
        TestHost host = host();
        host.programOutputs.put("systemd-detect-virt --vm", "kvm");

        DeviceTypeDetector.Detection detection = detect(host);

        assertThat(detection.type()).isEqualTo(DeviceType.VM);
        assertThat(detection.reason()).isEqualTo("systemd-detect-virt says kvm");
    }

    @Test
    void aBatteryMakesAWorkstation() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "LENOVO\n");
        write("proc/cpuinfo", bareMetalCpu);
        write("sys/class/power_supply/AC/type", "Mains\n");
        write("sys/class/power_supply/BAT1/type", "Battery\n");
        TestHost host = host();
        host.programOutputs.put("systemd-detect-virt --vm", "none");

        DeviceTypeDetector.Detection detection = detect(host);

        assertThat(detection.type()).isEqualTo(DeviceType.WORKSTATION);
        assertThat(detection.reason()).isEqualTo("battery BAT1 in /sys/class/power_supply");
    }

    @Test
    void anythingElseIsAServer() throws IOException {
        write("sys/class/dmi/id/sys_vendor", "Supermicro\n");
        write("proc/cpuinfo", bareMetalCpu);
        write("sys/class/power_supply/AC/type", "Mains\n");

        DeviceTypeDetector.Detection detection = detect(host());

        assertThat(detection.type()).isEqualTo(DeviceType.SERVER);
        assertThat(detection.reason()).isEqualTo("no hypervisor and no battery found");
    }

    @Test
    void anEmptyTreeIsAServer() {
        assertThat(detect(host()).type()).isEqualTo(DeviceType.SERVER);
    }
}
