package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewCommandTest {
  @TempDir
  Path dir;

  @Test
  void writesTheProjectWithTheNamePackageAndKindlingVersion() throws Exception {
    Path project = dir.resolve("bot");

    CommandResult result = CommandResult.run("new", "my-bot", "--package", "org.example.bots", "--dir",
        project.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("kindling: wrote the project my-bot in " + project);
    assertThat(project.resolve("src/main/java/org/example/bots/MyBot.java")).content()
        .contains("package org.example.bots;", "public final class MyBot {", "urn:example:my-bot");
    assertThat(project.resolve("src/main/java/org/example/bots/MyBotModule.java")).content()
        .contains("Components.bind(binder()).add(\"my-bot\", MyBot.class);");
    assertThat(project.resolve("src/test/java/org/example/bots/MyBotTest.java")).exists();
    assertThat(project.resolve("src/test/java/org/example/bots/MyBotIT.java")).exists();
    assertThat(project.resolve("src/test/resources/junit-platform.properties")).content()
        .contains("kindling.testkit.components=my-bot");
    assertThat(project.resolve("my-bot.properties")).content().contains("--module org.example.bots.MyBotModule");
    assertThat(project.resolve("pom.xml")).content()
        .contains("<artifactId>kindling-bom</artifactId>", "<maven.compiler.release>17</maven.compiler.release>")
        .doesNotContain("{{").containsPattern("<kindling.version>\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?</kindling.version>");
    try (var files = Files.walk(project)) {
      assertThat(files.filter(Files::isRegularFile))
          .allSatisfy(file -> assertThat(file).content().doesNotContain("{{"));
    }
  }

  @Test
  void theClassNameIsTheNameInCamelCase() {
    assertThat(NewCommand.className("weather")).isEqualTo("Weather");
    assertThat(NewCommand.className("my-bot")).isEqualTo("MyBot");
  }

  @Test
  void aNameThatIsNoDnsLabelIsAUsageError() {
    CommandResult result = CommandResult.run("new", "My_Bot", "--dir", dir.resolve("x").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: NAME 'My_Bot' is not a lower-case DNS label");
  }

  @Test
  void aPackageThatIsNoJavaNameIsAUsageError() {
    CommandResult result = CommandResult.run("new", "weather", "--package", "com.example.new", "--dir",
        dir.resolve("x").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: --package 'com.example.new' is not a Java package name");
  }

  @Test
  void aDirectoryThatHoldsFilesIsLeftAlone() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");

    CommandResult result = CommandResult.run("new", "weather", "--dir", dir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: --dir " + dir + " exists and is not an empty directory");
    assertThat(dir.resolve("pom.xml")).doesNotExist();
  }
}
