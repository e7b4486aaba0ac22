package dev.vampvm.cli;

/** Entry point of the vampvm command (placeholder until the CLI lands). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("vampvm");
    }
}
