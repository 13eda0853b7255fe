package dev.kindling.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import dev.kindling.builtin.Builtin;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.ConfigKeys;
import dev.kindling.connection.ComponentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

class KindlingConfigTest {
  private static final ConfigKey<Integer> LISTEN_PORT = ConfigKey.integer("relay.listen-port", 1, 65535)
      .withDefault(7777).withDescription("the port");
  private static final ConfigKey<String> PASSWORD = ConfigKey.secret("relay.password").required();
  private static final ConfigKey<List<JID>> ROOMS = ConfigKey.jids("bots.rooms");
  private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("relay.timeout")
      .withDefault(Duration.ofSeconds(30));
  private static final ConfigKey<Duration> IDLE_SECONDS = ConfigKey.duration("relay.idle-seconds");
  private static final String SECRET_VALUE = "hunter2-very-secret";

  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("kindling.properties"), text);
  }

  private static <T> T read(ConfigKey<T> key, String text) {
    return KindlingConfig.of(Map.of(key.name(), text)).get(key);
  }

  private static String problem(ConfigKey<?> key, String text) {
    return ((ConfigException) catchThrowable(() -> read(key, text))).problems().get(0);
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
    Path file = file("port=5000\nhost=file.example\nsecret=from-file\nserver-domain=example.org\n");
    KindlingConfig config = KindlingConfig.load(file,
        Map.of("KINDLING_PORT", "6000", "KINDLING_HOST", "env.example"), Map.of("port", "7000"));

    ComponentSettings echo = config.componentSettings("echo");

    assertThat(echo.port()).isEqualTo(7000);
    assertThat(echo.host()).isEqualTo("env.example");
    assertThat(echo.secret()).isEqualTo("from-file");
    assertThat(echo.domain()).isEqualTo("echo.example.org");
  }

  @Test
  void aModulesKeyIsReadFromEachSourceInTheSameOrder() throws IOException {
    Path file = file("relay.listen-port=1000\nrelay.timeout=5m\nbots.rooms=a@conference.example.org\n");
    KindlingConfig config = KindlingConfig.load(file,
        Map.of("KINDLING_RELAY_LISTEN_PORT", "2000", "KINDLING_RELAY_TIMEOUT", "45s"),
        Map.of("relay.listen-port", "3000"));

    assertThat(config.get(LISTEN_PORT)).isEqualTo(3000);
    assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.get(ROOMS)).containsExactly(new JID("a@conference.example.org"));
    assertThat(KindlingConfig.load(file, Map.of(), Map.of()).get(LISTEN_PORT)).isEqualTo(1000);
  }

  @Test
  void aKeyNoSourceSetsHasItsDefaultOrNothing() {
    KindlingConfig config = KindlingConfig.of(Map.of());

    assertThat(config.get(LISTEN_PORT)).isEqualTo(7777);
    assertThat(config.find(LISTEN_PORT)).contains(7777);
    assertThat(config.find(ROOMS)).isEmpty();
    assertThatThrownBy(() -> config.get(ROOMS)).hasMessage("configuration: bots.rooms is not set (set it in the"
        + " file, as KINDLING_BOTS_ROOMS or with --set bots.rooms=…)");
  }

  @Test
  void componentKeysAreReadFromTheEnvironmentToo() {
    KindlingConfig config = KindlingConfig.load(null,
        Map.of("KINDLING_COMPONENT_MY_BOT_DOMAIN", "bot.example.org", "KINDLING_COMPONENT_MY_BOT_SECRET", "s"),
        Map.of());

    assertThat(config.componentSettings("my-bot").domain()).isEqualTo("bot.example.org");
    assertThat(config.problems(List.of(), List.of("my-bot"))).isEmpty();
  }

  @Test
  void integersAreCheckedAgainstTheirRange() {
    assertThat(read(LISTEN_PORT, " 8080 ")).isEqualTo(8080);
    assertThat(problem(LISTEN_PORT, "abc"))
        .isEqualTo("relay.listen-port = 'abc' (from flag --set relay.listen-port) is not a whole number");
    assertThat(problem(LISTEN_PORT, "70000"))
        .isEqualTo("relay.listen-port = '70000' (from flag --set relay.listen-port) is out of range"
            + " (expected 1..65535)");
    assertThat(problem(ConfigKey.integer("pool", 1, Integer.MAX_VALUE), "0"))
        .isEqualTo("pool = '0' (from flag --set pool) is out of range (expected 1 or more)");
  }

  @Test
  void booleansTakeTrueFalseYesNoOnOff() {
    ConfigKey<Boolean> key = ConfigKey.bool("relay.open");

    assertThat(List.of("true", "YES", "on").stream().map(text -> read(key, text))).containsOnly(true);
    assertThat(List.of("false", "No", "off").stream().map(text -> read(key, text))).containsOnly(false);
    assertThat(problem(key, "maybe"))
        .isEqualTo("relay.open = 'maybe' (from flag --set relay.open) is not true or false");
  }

  @Test
  void durationsTakeUnitsOrIsoAndAPlainNumberOnlyWhereTheNameSaysTheUnit() {
    assertThat(read(TIMEOUT, "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(read(TIMEOUT, "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(read(TIMEOUT, "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(read(TIMEOUT, "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(read(TIMEOUT, "PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(read(IDLE_SECONDS, "90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(read(IDLE_SECONDS, "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(read(ConfigKey.duration("poll-millis"), "20")).isEqualTo(Duration.ofMillis(20));

    assertThat(problem(TIMEOUT, "30")).isEqualTo("relay.timeout = '30' (from flag --set relay.timeout) is not a"
        + " duration (e.g. 30s, 5m, 250ms or PT30S)");
    assertThat(problem(IDLE_SECONDS, "soon")).isEqualTo("relay.idle-seconds = 'soon' (from flag --set"
        + " relay.idle-seconds) is not a duration (e.g. 30 (seconds), 30s, 5m, 250ms or PT30S)");
    assertThat(problem(TIMEOUT, "PT-5S"))
        .isEqualTo("relay.timeout = 'PT-5S' (from flag --set relay.timeout) is negative");
  }

  @Test
  void sizesTakeBytesOrBinaryUnits() {
    ConfigKey<Long> size = ConfigKey.size("relay.max-bytes");
    assertThat(read(size, "65536")).isEqualTo(65_536L);
    assertThat(read(size, "64KiB")).isEqualTo(65_536L);
    assertThat(read(size, "10 MiB")).isEqualTo(10L << 20);
    assertThat(read(size, "2g")).isEqualTo(2L << 30);
    assertThat(size.show(64L << 20)).isEqualTo("64MiB");
    assertThat(size.show(1000L)).isEqualTo("1000");

    assertThat(problem(size, "lots")).isEqualTo("relay.max-bytes = 'lots' (from flag --set relay.max-bytes) is"
        + " not a size (e.g. 65536, 64KiB, 10MiB or 2GiB)");
    assertThat(problem(size, "-1")).startsWith("relay.max-bytes = '-1' (from flag --set relay.max-bytes) is not a");
    assertThat(problem(size, "99999999999TiB")).endsWith("is too large");
  }

  @Test
  void kindlingsOwnSecondsKeysStillTakeAPlainNumber() {
    KindlingConfig config = KindlingConfig.of(Map.of("drain-seconds", "3", "keepalive-seconds", "1m",
        "command-session-seconds", "90", "secret", "s", "server-domain", "example.org"));

    assertThat(config.dispatchSettings().drainTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.componentSettings("echo").keepaliveInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.commandSessionTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aMulticastServiceIsOffByDefaultAndAnAddressThatIsNotADomainIsAProblem() {
    Map<String, String> base = Map.of("secret", "s", "server-domain", "example.org");
    assertThat(KindlingConfig.of(base).componentSettings("echo").multicast()).isNull();

    Map<String, String> on = new java.util.HashMap<>(base);
    on.put("multicast", "multicast.example.org");
    on.put("multicast-recipients", "500");
    assertThat(KindlingConfig.of(on).componentSettings("echo").multicast())
        .isEqualTo(new dev.kindling.connection.Multicast("multicast.example.org", 500));

    on.put("multicast", "bot@multicast.example.org");
    assertThatThrownBy(() -> KindlingConfig.of(on).componentSettings("echo"))
        .hasMessage("configuration: the multicast service is not a domain: 'bot@multicast.example.org'");
  }

  @Test
  void jidsAndListsArePreparedAndBadEntriesNamed() {
    assertThat(read(ConfigKey.jid("bots.owner"), "Boss@Example.ORG/desk")).isEqualTo(new JID("boss@example.org/desk"));
    assertThat(read(ROOMS, " a@muc.example.org, ,b@muc.example.org ")).containsExactly(
        new JID("a@muc.example.org"), new JID("b@muc.example.org"));
    assertThat(problem(ROOMS, "a@muc.example.org,x@y@z")).isEqualTo("bots.rooms = 'a@muc.example.org,x@y@z' (from"
        + " flag --set bots.rooms) has 'x@y@z', which is not an XMPP address");
    assertThat(read(ConfigKey.strings("bots.nicks"), "a, b,,c")).containsExactly("a", "b", "c");
  }

  @Test
  void stringsAndPathsRefuseAnEmptyValue() {
    assertThat(read(ConfigKey.path("relay.spool"), "spool/in")).isEqualTo(Path.of("spool/in"));
    assertThat(problem(ConfigKey.path("relay.spool"), " ")).isEqualTo("relay.spool = '' (from flag --set"
        + " relay.spool) is empty");
    assertThat(problem(ConfigKey.string("relay.name"), "")).isEqualTo("relay.name = '' (from flag --set relay.name)"
        + " is empty");
  }

  @Test
  void keyNamesAreCheckedWhenDeclared() {
    assertThatThrownBy(() -> ConfigKey.string("Relay.Port")).hasMessage("config key name 'Relay.Port' must be"
        + " lower-case letters and digits in parts joined by '.' or '-', with at most one <name> part (e.g."
        + " relay.listen-port)");
    assertThatThrownBy(() -> ConfigKey.integer("relay.port", 10, 1)).hasMessage("config key relay.port: min 10 is"
        + " above max 1");
    assertThatThrownBy(() -> ConfigKey.string("bots.<name>.room").required())
        .hasMessage("per-component key bots.<name>.room cannot be required");
  }

  @Test
  void everyBadValueIsNamedWithItsSource() throws IOException {
    Path file = file("port=abc\n");
    KindlingConfig config = KindlingConfig.load(file, Map.of("KINDLING_SEND_QUEUE", "lots"), Map.of());

    assertThatThrownBy(() -> config.componentSettings("echo"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "component.echo.domain is missing (set it, or server-domain to use echo.<server-domain>)",
            "component.echo.secret is missing (set it, or secret for every component; environment "
                + "KINDLING_COMPONENT_ECHO_SECRET or KINDLING_SECRET)",
            "port = 'abc' (from " + file + ") is not a whole number",
            "send-queue = 'lots' (from environment KINDLING_SEND_QUEUE) is not a whole number"));
  }

  @Test
  void outOfRangeValuesAreNamedWithTheRange() {
    KindlingConfig config = KindlingConfig.of(Map.of("port", "70000", "secret", "s", "server-domain", "example.org"));

    assertThatThrownBy(() -> config.componentSettings("echo"))
        .hasMessage("configuration: port = '70000' (from flag --set port) is out of range (expected 1..65535)");
  }

  @Test
  void loadTakesKeysItDoesNotKnowYetSinceModulesDeclareThemLater() throws IOException {
    Path file = file("relay.listen-port=1000\n");

    assertThat(KindlingConfig.load(file, Map.of("KINDLING_RELAY_LISTEN_PORT", "2"), Map.of("relay.x", "1"))
        .get(LISTEN_PORT)).isEqualTo(2);
  }

  @Test
  void theCheckReportsEveryProblemAtOnceWithSuggestions() throws IOException {
    Path file = file("port=abc\nserver-domain=example.org\nsecret=s\nrelay.listen-prot=1000\n");
    KindlingConfig config = KindlingConfig.load(file,
        Map.of("KINDLING_PROT", "5347", "KINDLING_RELAY_LISTEN_PORT", "0", "PATH", "/usr/bin"),
        Map.of("workers", "-1", "wokers", "2", "drain-seconds", "forever"));

    assertThat(config.problems(List.of(LISTEN_PORT), List.of("echo"))).containsExactly(
        "port = 'abc' (from " + file + ") is not a whole number",
        "unknown key 'relay.listen-prot' (from " + file + "); did you mean 'relay.listen-port'?",
        "drain-seconds = 'forever' (from flag --set drain-seconds) is not a duration (e.g. 30 (seconds), 30s, 5m,"
            + " 250ms or PT30S)",
        "unknown key 'wokers' (from flag --set wokers); did you mean 'workers'?",
        "workers = '-1' (from flag --set workers) is out of range (expected 0..10000)",
        "unknown environment variable KINDLING_PROT; did you mean KINDLING_PORT (key 'port')?",
        "relay.listen-port = '0' (from environment KINDLING_RELAY_LISTEN_PORT) is out of range (expected 1..65535)");
  }

  @Test
  void checkThrowsTheProblemsAsOneConfigException() {
    KindlingConfig config = KindlingConfig.of(Map.of("port", "abc", "workers", "-1"));

    assertThatThrownBy(() -> config.check(List.of(), List.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "port = 'abc' (from flag --set port) is not a whole number",
            "workers = '-1' (from flag --set workers) is out of range (expected 0..10000)"))
        .hasMessageStartingWith("2 configuration problems:");
  }

  @Test
  void theCheckNamesEachRunningComponentsMissingSettings() {
    KindlingConfig config = KindlingConfig.of(Map.of("secret", "s"));

    assertThat(config.problems(List.of(), List.of("echo", "Bad"))).containsExactly(
        "components lists 'Bad', which is not a component name (lower-case letters, digits and '-')",
        "component.echo.domain is missing (set it, or server-domain to use echo.<server-domain>)");
  }

  @Test
  void componentKeysOfAnyComponentAreKnownAndTheirTyposGetTheirComponentsKey() throws IOException {
    Path file = file("component.echo.domian=echo.example.org\ncomponent.sample.port=5000\n"
        + "component.other.secrte=s\n");
    KindlingConfig config = KindlingConfig.load(file, Map.of("KINDLING_COMPONENT_ECHO_PROT", "1",
        "KINDLING_COMPONENT_MY_BOT_PORT", "abc"), Map.of("secret", "s", "server-domain", "example.org"));

    assertThat(config.problems(List.of(), List.of("echo"))).containsExactly(
        "unknown key 'component.echo.domian' (from " + file + "); did you mean 'component.echo.domain'?",
        "unknown key 'component.other.secrte' (from " + file + "); did you mean 'component.other.secret'?",
        "unknown environment variable KINDLING_COMPONENT_ECHO_PROT; did you mean KINDLING_COMPONENT_ECHO_PORT"
            + " (key 'component.echo.port')?",
        "component.my-bot.port = 'abc' (from environment KINDLING_COMPONENT_MY_BOT_PORT) is not a whole number");
  }

  @Test
  void theVariablesOfKindlingCheckAndTheSharedKeysPass() {
    KindlingConfig config = KindlingConfig.load(null, Map.of("KINDLING_DOMAIN", "echo.example.org",
        "KINDLING_HOST", "xmpp.example.org", "KINDLING_PORT", "5275", "KINDLING_SECRET", "s",
        "KINDLING_SERVER_DOMAIN", "example.org"), Map.of());

    assertThat(config.problems(List.of(), List.of("echo"))).isEmpty();
    assertThat(config.componentSettings("echo").address()).isEqualTo("xmpp.example.org:5275");
  }

  @Test
  void anUnknownKeyFarFromEveryKnownOneGetsNoSuggestion() {
    KindlingConfig config = KindlingConfig.load(null, Map.of("KINDLING_ZZZZZZ", "1"), Map.of("zzzzzz", "1"));

    assertThat(config.problems(List.of(), List.of())).containsExactly(
        "unknown key 'zzzzzz' (from flag --set zzzzzz)", "unknown environment variable KINDLING_ZZZZZZ");
  }

  @Test
  void aRequiredKeyNoSourceSetsIsReported() {
    assertThat(KindlingConfig.of(Map.of()).problems(List.of(PASSWORD), List.of())).containsExactly(
        "relay.password is not set (set it in the file, as KINDLING_RELAY_PASSWORD or with --set relay.password=…)");
    assertThat(KindlingConfig.of(Map.of("relay.password", "p")).problems(List.of(PASSWORD), List.of())).isEmpty();
  }

  @Test
  void twoKeysReadFromOneVariableClash() {
    ConfigKey<String> other = ConfigKey.string("relay-listen.port");

    assertThat(KindlingConfig.of(Map.of()).problems(List.of(LISTEN_PORT, other, LISTEN_PORT), List.of()))
        .containsExactly("config keys relay.listen-port (int (1..65535)) and relay-listen.port (string) are both"
            + " declared, with one environment variable KINDLING_RELAY_LISTEN_PORT: rename one");
  }

  @Test
  void aSecretsValueIsNeverShown() throws IOException {
    Path file = file("relay.password=" + SECRET_VALUE + "\nsecert=" + SECRET_VALUE + "\nsecret=\n");
    KindlingConfig config = KindlingConfig.load(file, Map.of("KINDLING_SECRTE", SECRET_VALUE,
        "KINDLING_COMPONENT_ECHO_SECRET", " "), Map.of("relay.pasword", SECRET_VALUE));

    List<String> problems = config.problems(List.of(PASSWORD), List.of("echo"));

    assertThat(problems).contains("secret = <hidden> (from " + file + ") is empty",
        "component.echo.secret = <hidden> (from environment KINDLING_COMPONENT_ECHO_SECRET) is empty",
        "unknown key 'secert' (from " + file + "); did you mean 'secret'?",
        "unknown key 'relay.pasword' (from flag --set relay.pasword); did you mean 'relay.password'?",
        "unknown environment variable KINDLING_SECRTE; did you mean KINDLING_SECRET (key 'secret')?");
    assertThat(String.join("\n", problems)).doesNotContain(SECRET_VALUE);
    assertThat(config.toString()).doesNotContain(SECRET_VALUE).contains("relay.password", "KINDLING_SECRTE");
    assertThat(config.get(PASSWORD)).isEqualTo(SECRET_VALUE);
    assertThat(PASSWORD.show(SECRET_VALUE)).isEqualTo("<hidden>");
    assertThat(ConfigKey.secret("relay.token").withDefault(SECRET_VALUE).defaultText()).contains("<hidden>");
    assertThat(ConfigKey.secret("relay.token").withDefault(SECRET_VALUE).toString()).doesNotContain(SECRET_VALUE);
  }

  @Test
  void unknownKeysAreRefusedWhenKindlingIsCreatedBeforeAnythingConnects() throws IOException {
    Path file = file("prot=5347\nserver-domain=example.org\nsecret=s\ncomponents=echo\n"
        + "component.echo.handlers=" + Echo.class.getName() + "\n");
    KindlingConfig config = KindlingConfig.load(file, Map.of(), Map.of("relay.listen-port", "x"));

    assertThatThrownBy(() -> Kindling.create(config, new RelayModule()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "unknown key 'prot' (from " + file + "); did you mean 'port'?",
            "relay.listen-port = 'x' (from flag --set relay.listen-port) is not a whole number"));
  }

  @Test
  void modulesDeclareKeysThroughASetBinding() {
    Module module = new RelayModule();

    assertThat(Guice.createInjector(module).getInstance(ConfigKeys.SET)).containsExactlyInAnyOrder(LISTEN_PORT,
        TIMEOUT);
    assertThat(ConfigKeys.declaredBy(List.of(module, new RelayModule()))).containsExactly(LISTEN_PORT, TIMEOUT);
    assertThat(ConfigKeys.declaredBy(List.of(new KindlingModule(KindlingConfig.of(Map.of()), new SingletonCloser()))))
        .containsExactlyElementsOf(KindlingKeys.all());
  }

  @Test
  void theDataDirectoryIsCreatedOnFirstUse() throws IOException {
    Path wanted = dir.resolve("data/relay");
    KindlingConfig config = KindlingConfig.of(Map.of("data-dir", wanted.toString()));

    assertThat(wanted).doesNotExist();
    assertThat(config.dataDirectory()).isEqualTo(wanted).isDirectory();
    assertThat(config.dataDirectory()).isEqualTo(wanted);
    assertThat(KindlingConfig.of(Map.of()).get(KindlingKeys.DATA_DIR)).isEqualTo(Path.of("kindling-data"));

    Path blocked = Files.writeString(dir.resolve("a-file"), "");
    assertThatThrownBy(() -> KindlingConfig.of(Map.of("data-dir", blocked.resolve("x").toString())).dataDirectory())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration: data-dir " + blocked.resolve("x") + " (from flag --set data-dir)"
            + " cannot be created: ");
  }

  @Test
  void retryingTheFirstConnectIsOnUnlessSwitchedOff() {
    assertThat(KindlingConfig.of(Map.of()).retryFirstConnect()).isTrue();
    assertThat(KindlingConfig.of(Map.of("retry-first-connect", "false")).retryFirstConnect()).isFalse();
  }

  @Test
  void adminsArePreparedAsJidsAndBadOnesNamed() {
    assertThat(KindlingConfig.of(Map.of("admins", " Boss@Example.ORG/desk , ops@example.org")).admins())
        .containsExactly("boss@example.org", "ops@example.org");
    assertThatThrownBy(() -> KindlingConfig.of(Map.of("admins", "a@b@c")).admins())
        .hasMessage("configuration: admins = 'a@b@c' (from flag --set admins) has 'a@b@c', which is not an XMPP"
            + " address");
  }

  @Test
  void builtinsAreOnUnlessSwitchedOff() {
    assertThat(KindlingConfig.of(Map.of()).builtins()).containsExactlyInAnyOrder(Builtin.values());
    assertThat(KindlingConfig.of(Map.of("builtins.time", "false")).builtins()).doesNotContain(Builtin.TIME);
    assertThatThrownBy(() -> KindlingConfig.of(Map.of("builtins.time", "maybe")).builtins())
        .hasMessage("configuration: builtins.time = 'maybe' (from flag --set builtins.time) is not true or false");
  }

  /** A module declaring two keys. */
  static final class RelayModule extends AbstractModule {
    @Override
    protected void configure() {
      ConfigKeys.declare(binder(), LISTEN_PORT, TIMEOUT);
    }
  }

  /** A component class, never built in these tests. */
  static final class Echo {
  }
}
