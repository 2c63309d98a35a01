package io.ecsbox.host.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Small, safe DOM reading for the XML libvirt hands back (domain XML, capabilities). */
final class Xml {
  private Xml() {}

  /** The root element, or empty when the text is not well-formed XML. */
  static Optional<Element> parse(String xml) {
    if (xml == null) {
      return Optional.empty();
    }
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setExpandEntityReferences(false);
    try {
      // libvirt XML never has a DTD; refusing one rules out entity tricks.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
      return Optional.of(builder.parse(new InputSource(new StringReader(xml))).getDocumentElement());
    } catch (SAXException | IOException e) {
      return Optional.empty();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("JDK XML parser lacks secure processing", e);
    }
  }

  /** Child elements named localName in namespace (null = no namespace). */
  static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && localName.equals(e.getLocalName())
          && (namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first such child, if any. */
  static Optional<Element> child(Element parent, String namespace, String localName) {
    return children(parent, namespace, localName).stream().findFirst();
  }
}
