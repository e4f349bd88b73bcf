package org.forumkit.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A namespace-aware StAX reader that refuses any DTD: an export never needs one, and a DTD is how an XML bomb
 * (entity expansion) or an external entity (a local file, a URL) gets in.
 */
final class SafeXml {
    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return factory;
    }

    /** A reader over {@code in}, whose encoding the XML declaration (or its byte order mark) gives. */
    static Reader open(InputStream in, String what) throws IOException {
        try {
            return new Reader(FACTORY.createXMLStreamReader(in), what);
        } catch (XMLStreamException e) {
            throw malformed(what, e);
        }
    }

    static IOException malformed(String what, XMLStreamException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber() + ", column "
                + e.getLocation().getColumnNumber();
        return new IOException(what + " is not well-formed XML" + where + ": " + e.getMessage(), e);
    }

    /** A thin wrapper that turns StAX's checked exception into an {@link IOException} naming the file and line. */
    static final class Reader implements AutoCloseable {
        final XMLStreamReader xml;
        private final String what;

        Reader(XMLStreamReader xml, String what) {
            this.xml = xml;
            this.what = what;
        }

        /** The next start or end element (text is read with {@link #text()}); -1 at the end of the document. */
        int next() throws IOException {
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                        throw new IOException(what + " declares a DTD or uses an entity at line "
                                + xml.getLocation().getLineNumber() + ": refused (XML bombs and external entities)");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                        return event;
                    }
                }
                return -1;
            } catch (XMLStreamException e) {
                throw malformed(what, e);
            }
        }

        /** The text of the current element, which must hold no child elements. */
        String text() throws IOException {
            try {
                StringBuilder out = new StringBuilder();
                while (true) {
                    int event = xml.next();
                    switch (event) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                                out.append(xml.getText());
                        case XMLStreamConstants.END_ELEMENT -> {
                            return out.toString();
                        }
                        case XMLStreamConstants.ENTITY_REFERENCE -> throw new IOException(what
                                + " uses an entity at line " + xml.getLocation().getLineNumber() + ": refused");
                        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                        default -> throw new IOException(what + ": element <" + xml.getLocalName()
                                + "> where text was expected at line " + xml.getLocation().getLineNumber());
                    }
                }
            } catch (XMLStreamException e) {
                throw malformed(what, e);
            }
        }

        /** Skips the rest of the current element, children included. */
        void skip() throws IOException {
            int depth = 1;
            while (depth > 0) {
                int event = next();
                if (event == -1) {
                    throw new IOException(what + " ends inside an element (truncated?)");
                }
                depth += event == XMLStreamConstants.START_ELEMENT ? 1 : -1;
            }
        }

        /**
         * The fields of the current element, one level of children deep: a child's text under its local name,
         * a grandchild's under {@code child/grandchild}, and a child's {@code attributeLocalName} attribute of
         * namespace {@code attributeNs} under {@code child@}. Deeper elements are skipped.
         */
        Map<String, String> fields(String attributeNs, String attributeLocalName) throws IOException {
            Map<String, String> out = new HashMap<>();
            while (true) {
                int event = next();
                if (event == -1) {
                    throw new IOException(what + " ends inside an element (truncated?)");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return out;
                }
                String child = local();
                String attribute = attributeLocalName == null ? null
                        : xml.getAttributeValue(attributeNs, attributeLocalName);
                if (attribute != null) {
                    out.put(child + "@", attribute);
                }
                field(out);
            }
        }

        /** Reads the current child element into {@code out}, as {@link #fields} does for each child. */
        void field(Map<String, String> out) throws IOException {
            grandchildren(local(), out);
        }

        private void grandchildren(String child, Map<String, String> out) throws IOException {
            StringBuilder text = new StringBuilder();
            try {
                while (true) {
                    int event = xml.next();
                    switch (event) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                                text.append(xml.getText());
                        case XMLStreamConstants.START_ELEMENT -> {
                            String grandchild = local();
                            out.putIfAbsent(child + "/" + grandchild, textOrSkip());
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            out.putIfAbsent(child, text.toString());
                            return;
                        }
                        case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw new IOException(what
                                + " uses an entity at line " + line() + ": refused (XML bombs and external entities)");
                        default -> { }
                    }
                }
            } catch (XMLStreamException e) {
                throw malformed(what, e);
            }
        }

        private String textOrSkip() throws IOException {
            StringBuilder text = new StringBuilder();
            try {
                int depth = 1;
                while (depth > 0) {
                    int event = xml.next();
                    switch (event) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            if (depth == 1) {
                                text.append(xml.getText());
                            }
                        }
                        case XMLStreamConstants.START_ELEMENT -> depth++;
                        case XMLStreamConstants.END_ELEMENT -> depth--;
                        case XMLStreamConstants.ENTITY_REFERENCE -> throw new IOException(what
                                + " uses an entity at line " + line() + ": refused");
                        default -> { }
                    }
                }
                return text.toString();
            } catch (XMLStreamException e) {
                throw malformed(what, e);
            }
        }

        String local() {
            return xml.getLocalName();
        }

        String namespace() {
            String ns = xml.getNamespaceURI();
            return ns == null ? "" : ns;
        }

        String attribute(String namespace, String name) {
            String value = xml.getAttributeValue(namespace, name);
            return value == null ? "" : value;
        }

        int line() {
            return xml.getLocation().getLineNumber();
        }

        @Override
        public void close() throws IOException {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                throw malformed(what, e);
            }
        }
    }
}
