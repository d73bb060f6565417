import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element, for checking SVG output: its name, attributes, text and children.
final class SVGTree {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [SVGTree] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The root element of `xml`, or `nil` when `XMLParser` rejects it.
    static func parse(_ xml: String) -> SVGTree? {
        let builder = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }

    /// This element and all below it, in document order.
    var all: [SVGTree] { [self] + children.flatMap(\.all) }

    /// Every element below (and including) this one named `name`, in document order.
    func elements(_ name: String) -> [SVGTree] { all.filter { $0.name == name } }

    /// The text of this element and its descendants.
    var fullText: String { text + children.map(\.fullText).joined() }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: SVGTree?
        var stack: [SVGTree] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            let element = SVGTree(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
