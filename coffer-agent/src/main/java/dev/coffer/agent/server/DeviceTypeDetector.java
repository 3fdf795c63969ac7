package dev.coffer.agent.server;

import dev.coffer.agent.core.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Guesses the device type when {@code register} is not told: a hypervisor guest is a {@code vm}, a machine with a
 * battery a {@code workstation}, anything else a {@code server}. Reads Linux's {@code /sys} and {@code /proc} under
 * {@link Host#root()} (a fake tree in tests) and asks {@code systemd-detect-virt --vm} when it is installed.
 */
public final class DeviceTypeDetector {

    /** The guess and what it rests on, printed as "detected device type: vm (hypervisor flag in /proc/cpuinfo)". */
    public record Detection(DeviceType type, String reason) {
    }

    /** Lower-case pieces of {@code sys_vendor}/{@code product_name} that only virtual machines report. */
    private static final List<String> HYPERVISOR_STRINGS = List.of("qemu", "kvm", "vmware", "virtualbox", "innotek",
            "xen", "bochs", "parallels", "bhyve", "hyper-v", "virtual machine", "amazon ec2", "google compute engine",
            "openstack", "digitalocean", "hetzner vserver", "nutanix ahv", "cloud hypervisor", "firecracker");

    private final Host host;

    public DeviceTypeDetector(Host host) {
        this.host = host;
    }

    public Detection detect() {
        for (String file : List.of("sys/class/dmi/id/sys_vendor", "sys/class/dmi/id/product_name")) {
            Optional<String> value = read(file);
            if (value.isPresent()) {
                String lower = value.get().toLowerCase(Locale.ROOT);
                for (String known : HYPERVISOR_STRINGS) {
                    if (lower.contains(known)) {
                        return new Detection(DeviceType.VM, "'" + value.get().trim() + "' in /" + file);
                    }
                }
            }
        }
        Optional<String> cpuinfo = read("proc/cpuinfo");
        if (cpuinfo.isPresent() && cpuinfo.get().lines().anyMatch(DeviceTypeDetector::hasHypervisorFlag)) {
            return new Detection(DeviceType.VM, "hypervisor flag in /proc/cpuinfo");
        }
        Optional<String> virt = host.programs().output(List.of("systemd-detect-virt", "--vm"));
        if (virt.isPresent() && !virt.get().isBlank() && !virt.get().trim().equals("none")) {
            return new Detection(DeviceType.VM, "systemd-detect-virt says " + virt.get().trim());
        }
        Optional<String> battery = battery();
        if (battery.isPresent()) {
            return new Detection(DeviceType.WORKSTATION, "battery " + battery.get() + " in /sys/class/power_supply");
        }
        return new Detection(DeviceType.SERVER, "no hypervisor and no battery found");
    }

    private static boolean hasHypervisorFlag(String line) {
        if (!line.startsWith("flags")) {
            return false;
        }
        int colon = line.indexOf(':');
        return colon > 0 && List.of(line.substring(colon + 1).trim().split("\\s+")).contains("hypervisor");
    }

    private Optional<String> battery() {
        Path supplies = host.root().resolve("sys/class/power_supply");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(supplies)) {
            for (Path supply : entries) {
                Path type = supply.resolve("type");
                if (Files.isReadable(type) && Files.readString(type, StandardCharsets.UTF_8).trim().equals("Battery")) {
                    return Optional.of(supply.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // no power supply information: no battery known
        }
        return Optional.empty();
    }

    private Optional<String> read(String file) {
        Path path = host.root().resolve(file);
        try {
            return Files.isReadable(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
