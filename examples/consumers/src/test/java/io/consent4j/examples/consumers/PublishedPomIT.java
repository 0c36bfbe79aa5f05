/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The POM of each published artifact as a consumer's build gets it (installed into the consumers' repository
 * by the invoker, from the flattened POM): what Central requires, and nothing of the reactor's own setup.
 */
class PublishedPomIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("consumers.repository"));
    private static final String VERSION = System.getProperty("consent4j.version");
    private static final List<String> PUBLISHED =
            List.of("consent-core", "consent-servlet", "consent-banner-assets", "consent-spring-boot-starter");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "consent-core",
                "consent-servlet",
                "consent-banner-assets",
                "consent-spring-boot-starter",
                "consent-bom"
            })
    void carriesWhatCentralRequiresAndNothingOfTheReactor(String artifactId) throws Exception {
        Path file = pom(artifactId);
        String text = Files.readString(file);
        Element project = parse(file);

        assertThat(children(project, "parent"))
                .as("a parent that is never published")
                .isEmpty();
        assertThat(children(project, "properties")).as("version properties").isEmpty();
        assertThat(children(project, "build")).as("the reactor's plugin setup").isEmpty();
        assertThat(children(project, "profiles")).isEmpty();
        assertThat(children(project, "repositories")).isEmpty();
        assertThat(text).as("an unresolved property").doesNotContain("${");

        assertThat(text(project, "groupId")).isEqualTo("io.consent4j");
        assertThat(text(project, "artifactId")).isEqualTo(artifactId);
        assertThat(text(project, "version")).isEqualTo(VERSION);
        assertThat(text(project, "name")).isNotBlank();
        assertThat(text(project, "description")).isNotBlank();
        assertThat(text(project, "url")).startsWith("https://");
        Element license = only(only(project, "licenses"), "license");
        assertThat(text(license, "name")).isEqualTo("Apache-2.0");
        assertThat(text(license, "url")).startsWith("https://");
        Element developer = only(only(project, "developers"), "developer");
        assertThat(text(developer, "name")).isNotBlank();
        Element scm = only(project, "scm");
        assertThat(text(scm, "url")).startsWith("https://");
        assertThat(text(scm, "connection")).startsWith("scm:git:");
        assertThat(text(scm, "developerConnection")).startsWith("scm:git:");
        assertThat(text(only(project, "issueManagement"), "url")).startsWith("https://");

        for (Element dependency : dependencies(project)) {
            assertThat(text(dependency, "version"))
                    .as("version of %s", text(dependency, "artifactId"))
                    .isNotBlank();
            assertThat(children(dependency, "scope"))
                    .as("scope of %s", text(dependency, "artifactId"))
                    .allSatisfy(scope -> assertThat(scope.getTextContent()).isNotEqualTo("test"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"consent-core", "consent-servlet", "consent-banner-assets", "consent-spring-boot-starter"})
    void aLibraryManagesNoVersionsAndNeedsNoTestLibrary(String artifactId) throws Exception {
        Element project = parse(pom(artifactId));

        assertThat(children(project, "dependencyManagement")).isEmpty();
        assertThat(dependencies(project))
                .extracting(dependency -> text(dependency, "groupId") + ":" + text(dependency, "artifactId"))
                .noneMatch(id -> id.startsWith("org.junit") || id.startsWith("org.assertj:"))
                .noneMatch(id -> id.startsWith("com.code-intelligence:") || id.startsWith("io.zonky."));
    }

    @org.junit.jupiter.api.Test
    void theBomManagesEveryPublishedArtifactAtThisVersion() throws Exception {
        Element project = parse(pom("consent-bom"));

        assertThat(text(project, "packaging")).isEqualTo("pom");
        assertThat(children(project, "dependencies"))
                .as("a BOM adds no dependency")
                .isEmpty();
        List<Element> managed = children(only(only(project, "dependencyManagement"), "dependencies"), "dependency");
        assertThat(managed)
                .allSatisfy(dependency -> {
                    assertThat(text(dependency, "groupId")).isEqualTo("io.consent4j");
                    assertThat(text(dependency, "version")).isEqualTo(VERSION);
                })
                .extracting(dependency -> text(dependency, "artifactId")
                        + (children(dependency, "type").isEmpty() ? "" : ":" + text(dependency, "type")))
                .containsExactlyInAnyOrder(
                        "consent-core",
                        "consent-core:test-jar",
                        "consent-servlet",
                        "consent-banner-assets",
                        "consent-spring-boot-starter");
        assertThat(PUBLISHED)
                .allSatisfy(artifactId -> assertThat(pom(artifactId)).exists());
    }

    private static Path pom(String artifactId) {
        return REPOSITORY.resolve(
                "io/consent4j/" + artifactId + "/" + VERSION + "/" + artifactId + "-" + VERSION + ".pom");
    }

    private static Element parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        return document.getDocumentElement();
    }

    private static List<Element> dependencies(Element project) {
        List<Element> dependencies = new ArrayList<>();
        for (Element list : children(project, "dependencies")) {
            dependencies.addAll(children(list, "dependency"));
        }
        return dependencies;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return only(parent, name).getTextContent().strip();
    }
}
