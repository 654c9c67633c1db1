package dev.selfheal.workload.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JaCoCo XML report of a service version's test run, in JaCoCo's own layout ({@code report > package > class
 * > method > counter}, with class, package and report totals). Each handler's class is listed with a constructor
 * and the handler method, and a {@code ...Service} class holds the logic the handler delegates to, which tests
 * cover partly, as real ones do. Counter sizes are derived from the method's name, so a report is the same every
 * time it is built.
 */
public final class JacocoReports {

    private static final String[] COUNTERS = {"INSTRUCTION", "BRANCH", "LINE", "COMPLEXITY", "METHOD"};

    private JacocoReports() {
    }

    /** A method as JaCoCo lists it, with its counters in {@link #COUNTERS} order as missed/covered pairs. */
    private record Method(String name, String descriptor, int line, int[][] counters) {
    }

    /**
     * The report of one service version.
     *
     * @param handlers   every handler the version serves
     * @param uncovered  handlers no test executes: listed with everything missed
     * @param leaveOut   whether the uncovered handlers are left out of the report instead (their classes never
     *                   loaded by the test run)
     */
    public static String report(String service, String version, List<Handler> handlers, Set<Handler> uncovered,
            boolean leaveOut) {
        Map<String, List<Method>> classes = new LinkedHashMap<>();
        for (Handler handler : handlers) {
            boolean covered = !uncovered.contains(handler);
            if (!covered && leaveOut) {
                continue;
            }
            add(classes, handler.vmClassName(), handler.function(), handler.descriptor(), 14, covered);
            String logic = handler.vmClassName().replaceAll("(Resource|Gateway)$", "") + "Service";
            add(classes, logic, handler.function(), "(Ljava/lang/Object;)Ljava/lang/Object;", 21, covered);
        }
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        xml.append("<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">");
        xml.append("<report name=\"").append(service).append(' ').append(version).append("\">");
        String packageName = "com/shop/" + service;
        xml.append("<package name=\"").append(packageName).append("\">");
        int[][] packageTotals = new int[COUNTERS.length + 1][2];
        for (Map.Entry<String, List<Method>> entry : classes.entrySet()) {
            String simple = entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1);
            xml.append("<class name=\"").append(entry.getKey()).append("\" sourcefilename=\"").append(simple)
                    .append(".java\">");
            int[][] classTotals = new int[COUNTERS.length + 1][2];
            for (Method method : entry.getValue()) {
                xml.append("<method name=\"").append(escape(method.name())).append("\" desc=\"")
                        .append(method.descriptor()).append("\" line=\"").append(method.line()).append("\">");
                counters(xml, method.counters(), COUNTERS.length);
                xml.append("</method>");
                for (int i = 0; i < COUNTERS.length; i++) {
                    classTotals[i][0] += method.counters()[i][0];
                    classTotals[i][1] += method.counters()[i][1];
                }
            }
            boolean classCovered = classTotals[4][1] > 0;
            classTotals[COUNTERS.length] = new int[] {classCovered ? 0 : 1, classCovered ? 1 : 0};
            counters(xml, classTotals, COUNTERS.length + 1);
            xml.append("</class>");
            for (int i = 0; i <= COUNTERS.length; i++) {
                packageTotals[i][0] += classTotals[i][0];
                packageTotals[i][1] += classTotals[i][1];
            }
        }
        counters(xml, packageTotals, COUNTERS.length + 1);
        xml.append("</package>");
        counters(xml, packageTotals, COUNTERS.length + 1);
        xml.append("</report>");
        return xml.toString();
    }

    /** Adds a method to its class; the constructor runs (is covered) when any method of the class is. */
    private static void add(Map<String, List<Method>> classes, String className, String name, String descriptor,
            int linesPerMethod, boolean covered) {
        List<Method> methods = classes.computeIfAbsent(className, c -> new ArrayList<>(List.of(
                method("<init>", "()V", 12, c, covered))));
        if (covered) {
            methods.set(0, method("<init>", "()V", 12, className, true));
        }
        methods.add(method(name, descriptor, 20 + linesPerMethod * (methods.size() - 1), className, covered));
    }

    private static Method method(String name, String descriptor, int line, String className, boolean covered) {
        int seed = Math.abs((className + "#" + name + descriptor).hashCode());
        int instructions = name.equals("<init>") ? 3 : 24 + seed % 97;
        int branches = name.equals("<init>") ? 0 : 2 * (seed / 97 % 4);
        int lines = Math.max(1, instructions / 4);
        int complexity = branches / 2 + 1;
        if (!covered) {
            return new Method(name, descriptor, line, new int[][] {{instructions, 0}, {branches, 0}, {lines, 0},
                    {complexity, 0}, {1, 0}});
        }
        int missedInstructions = instructions * (seed / 389 % 16) / 100;
        int missedBranches = branches == 0 ? 0 : Math.min(branches - 1, seed / 6007 % 3);
        int missedLines = Math.min(lines - 1, missedInstructions / 4);
        int missedComplexity = Math.min(complexity - 1, missedBranches);
        return new Method(name, descriptor, line, new int[][] {{missedInstructions, instructions - missedInstructions},
                {missedBranches, branches - missedBranches}, {missedLines, lines - missedLines},
                {missedComplexity, complexity - missedComplexity}, {0, 1}});
    }

    /** JaCoCo writes no BRANCH counter where a method has no branch. */
    private static void counters(StringBuilder xml, int[][] values, int count) {
        for (int i = 0; i < count; i++) {
            if (values[i][0] + values[i][1] == 0) {
                continue;
            }
            xml.append("<counter type=\"").append(i < COUNTERS.length ? COUNTERS[i] : "CLASS").append("\" missed=\"")
                    .append(values[i][0]).append("\" covered=\"").append(values[i][1]).append("\"/>");
        }
    }

    private static String escape(String name) {
        return name.replace("<", "&lt;").replace(">", "&gt;");
    }
}
