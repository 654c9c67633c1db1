package dev.selfheal.logmining;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {

    private final LogTemplateMiner miner = new LogTemplateMiner();

    @Test
    void linesThatDifferOnlyInValuesShareATemplate() {
        MinedLine first = miner.mine("2024-05-01 10:00:01,123 INFO [main] Order 1001 shipped to 10.0.0.7:8080 in 35ms");
        MinedLine second = miner.mine("2024-05-01 10:00:02,456 INFO [main] Order 1002 shipped to 10.0.0.9:8080 in 12ms");

        assertThat(second.templateId()).isEqualTo(first.templateId());
        assertThat(second.template()).isEqualTo("<*> Order <*> shipped to <*> in <*>");
    }

    @Test
    void threadNamesOfAnyLengthAreOneParameter() {
        MinedLine main = miner.mine("2015-10-18 18:01:47,978 INFO [main] Client: Address change detected. Old: a/1 New: a/2");
        MinedLine other = miner.mine(
                "2015-10-18 18:02:13,011 INFO [RMCommunicator Allocator] Client: Address change detected. Old: b/1 New: b/2");

        assertThat(other.templateId()).isEqualTo(main.templateId());
        assertThat(other.parameters()).containsExactly(
                "2015-10-18 18:02:13,011 INFO [RMCommunicator Allocator]", "b/1", "b/2");
    }

    @Test
    void anOptionalValueDoesNotMakeANewTemplate() {
        MinedLine plain = miner.mine("[10.30 16:49:06] proxy.example.org:5070 close, 403 bytes sent, 426 bytes received, lifetime 00:02");
        MinedLine detailed = miner.mine(
                "[10.30 16:49:07] proxy.example.org:5070 close, 1234 bytes (1.20 KB) sent, 426 bytes received, lifetime 00:02");

        assertThat(detailed.templateId()).isEqualTo(plain.templateId());
        assertThat(detailed.template()).isEqualTo("<*> close, <*> bytes <*> sent, <*> bytes received, lifetime <*>");
        assertThat(detailed.parameters()).containsExactly("[10.30 16:49:07] proxy.example.org:5070", "1234", "(1.20 KB)", "426", "00:02");
        assertThat(miner.mine("[10.30 16:49:08] proxy.example.org:5070 close, 9 bytes sent, 8 bytes received, lifetime 00:03").parameters())
                .containsExactly("[10.30 16:49:08] proxy.example.org:5070", "9", "", "8", "00:03");
    }

    @Test
    void differentMessagesStayApart() {
        MinedLine shipped = miner.mine("2024-05-01 10:00:01 INFO Order 1001 shipped to warehouse");
        MinedLine cancelled = miner.mine("2024-05-01 10:00:02 INFO Payment declined for customer 77 by bank");

        assertThat(cancelled.templateId()).isNotEqualTo(shipped.templateId());
        assertThat(miner.templates()).hasSize(2);
    }

    @Test
    void parametersComeOutInLineOrder() {
        MinedLine line = miner.mine("08:15:02 user=alice took 250ms on /api/orders/17 from 192.168.1.4");

        assertThat(line.parameters()).containsExactly("08:15:02", "alice", "250ms", "/api/orders/17", "192.168.1.4");
    }

    @Test
    void aTemplateGeneralisesAWordThatVariesAndKeepsItsId() {
        int id = miner.mine("10:00:01 INFO Session opened for user alice from terminal console on host gateway").templateId();
        miner.mine("10:00:02 INFO Session opened for user bob from terminal console on host gateway");
        MinedLine third = miner.mine("10:00:03 INFO Session opened for user carol from terminal console on host gateway");

        assertThat(third.templateId()).isEqualTo(id);
        assertThat(third.template()).isEqualTo("<*> Session opened for user <*> from terminal console on host gateway");
        assertThat(third.parameters()).containsExactly("10:00:03 INFO", "carol");
    }

    @Test
    void idsStayStableAndCountsAddUp() {
        int a = miner.mine("job 1 started").templateId();
        int b = miner.mine("disk /dev/sda1 is 91% full").templateId();
        for (int i = 2; i < 50; i++) {
            assertThat(miner.mine("job " + i + " started").templateId()).isEqualTo(a);
        }
        assertThat(miner.mine("disk /dev/sdb2 is 97% full").templateId()).isEqualTo(b);

        assertThat(miner.templates()).containsExactly(
                new LogTemplate(a, "job <*> started", 49),
                new LogTemplate(b, "disk <*> is <*> full", 2));
    }

    @Test
    void onlyTheFirstLineOfAJoinedRecordShapesTheTemplate() {
        MinedLine one = miner.mine("ERROR Request 17 failed\njava.lang.IllegalStateException: boom\n\tat a.B.c(B.java:3)");
        MinedLine two = miner.mine("ERROR Request 18 failed\njava.io.IOException: reset\n\tat x.Y.z(Y.java:9)\n\tat q.R.s(R.java:1)");

        assertThat(two.templateId()).isEqualTo(one.templateId());
        assertThat(two.template()).isEqualTo("<*> Request <*> failed");
    }

    @Test
    void programNamesOfOneKindAreOneParameter() {
        MinedLine chrome = miner.mine("[10.30 16:49:06] chrome.exe - example.org:443 open through proxy proxy.example.org:5070 HTTPS");
        MinedLine dropbox = miner.mine("[10.30 16:49:07] Dropbox.exe - example.com:443 open through proxy proxy.example.org:5070 HTTPS");
        MinedLine withDigit = miner.mine("[10.30 16:49:08] 360AP.exe - example.net:80 open through proxy proxy.example.org:5070 HTTPS");

        assertThat(dropbox.templateId()).isEqualTo(chrome.templateId());
        assertThat(withDigit.templateId()).isEqualTo(chrome.templateId());
        assertThat(withDigit.template()).isEqualTo("<*> - <*> open through proxy <*> HTTPS");
        assertThat(withDigit.parameters())
                .containsExactly("[10.30 16:49:08] 360AP.exe", "example.net:80", "proxy.example.org:5070");
    }

    @Test
    void dottedNamesOfDifferentKindsStayApart() {
        MinedLine on = miner.mine("20171223-22:15:29:606|Screen|30002312|onReceive action: android.intent.action.SCREEN_ON");
        MinedLine off = miner.mine("20171223-22:15:30:606|Screen|30002312|onReceive action: android.intent.action.SCREEN_OFF");

        assertThat(off.templateId()).isNotEqualTo(on.templateId());
    }

    @Test
    void aWordWithAGluedNumberKeepsTheWord() {
        MinedLine alt = miner.mine("10:00:01 link alt0 down");
        MinedLine ee = miner.mine("10:00:02 link ee0 down");
        MinedLine alt1 = miner.mine("10:00:03 link alt1 down");
        MinedLine extend = miner.mine("20171223-22:15:29:615|Step_LSC|30002312|onExtend:1514038530000 14 0 4");

        assertThat(ee.templateId()).isNotEqualTo(alt.templateId());
        assertThat(alt1.templateId()).isEqualTo(alt.templateId());
        assertThat(alt1.template()).isEqualTo("<*> link alt<*> down");
        assertThat(extend.template()).endsWith("onExtend:<*>");
    }

    @Test
    void aListOfGluedNumbersIsOneParameter() {
        MinedLine one = miner.mine("081111 065254 19 INFO dfs.FSNamesystem: BLOCK* ask 10.250.17.177:50010 to delete blk_-857");
        MinedLine many = miner.mine("081111 065255 19 INFO dfs.FSNamesystem: BLOCK* ask 10.250.17.178:50010 to delete blk_1 blk_-2 blk_3");

        assertThat(many.templateId()).isEqualTo(one.templateId());
        assertThat(many.parameters()).endsWith("blk_1 blk_-2 blk_3".substring(4));
    }

    @Test
    void aUnitAfterANumberIsPartOfTheValue() {
        MinedLine minutes = miner.mine("[10.30 16:49:06] proxy.example.org:5070 close, 403 bytes sent, 426 bytes received, lifetime 00:02");
        MinedLine seconds = miner.mine("[10.30 16:49:07] proxy.example.org:5070 close, 403 bytes sent, 426 bytes received, lifetime <1 sec");

        assertThat(seconds.templateId()).isEqualTo(minutes.templateId());
        assertThat(seconds.parameters()).last().isEqualTo("<1 sec");
    }

    @Test
    void aQuotedValueIsOneParameterButAFlagIsNot() {
        MinedLine view = miner.mine("D PowerManagerService: acquire lock=2335, flags=0x1, tag=\"View Lock\", name=com.android.systemui, ws=null");
        MinedLine audio = miner.mine("D PowerManagerService: acquire lock=2198, flags=0x1, tag=\"AudioMix\", name=audioserver, ws=null");
        MinedLine down = miner.mine("I PanelView: flingToHeight: vel=2849.079, expand=true");
        MinedLine up = miner.mine("I PanelView: flingToHeight: vel=0.0, expand=false");

        assertThat(audio.templateId()).isEqualTo(view.templateId());
        assertThat(audio.parameters()).contains("\"AudioMix\"", "audioserver");
        assertThat(up.templateId()).isNotEqualTo(down.templateId());
    }

    @Test
    void severityWordsInTheMessageTellEventsApart() {
        MinedLine warning = miner.mine("2556843 gige5 gige temperature 1072878243 1 warning");
        MinedLine critical = miner.mine("2561239 gige4 gige temperature 1073375350 1 critical");
        MinedLine info = miner.mine("2024-05-01 10:00:01 INFO Order 1001 shipped to warehouse east");
        MinedLine warn = miner.mine("2024-05-01 10:00:02 WARN Order 1002 shipped to warehouse east");

        assertThat(critical.templateId()).isNotEqualTo(warning.templateId());
        assertThat(warn.templateId()).isEqualTo(info.templateId());
    }

    @Test
    void headerFieldsLearntFromTheStreamDoNotSplitAStatement() {
        String[] components = {"node status", "full partition status", "domain status"};
        int first = -1;
        int last = -1;
        for (int i = 0; i < 100; i++) {
            String component = components[i % components.length];
            String message = i % 2 == 0 ? "running" : "Link error on broadcast tree";
            int id = miner.mine((2_286_759 + i) + " node-" + (i % 7) + " " + component + " " + (1_061_219_795 + i) + " 1 "
                    + message).templateId();
            if (message.equals("running")) {
                first = first < 0 ? id : first;
                last = id;
            }
        }

        assertThat(miner.currentId(first)).isEqualTo(miner.currentId(last));
        assertThat(miner.templates()).extracting(LogTemplate::template)
                .containsExactlyInAnyOrder("<*> running", "<*> Link error on broadcast tree");
    }

    @Test
    void linesStartingWithAWordHaveNoHeader() {
        for (int i = 0; i < 100; i++) {
            miner.mine("job " + i + " started");
        }

        assertThat(miner.templates()).extracting(LogTemplate::template).containsExactly("job <*> started");
    }
}
