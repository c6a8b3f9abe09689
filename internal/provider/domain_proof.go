package provider

// domainProof is what a domain publishes to prove the workspace controls it.
type domainProof struct {
	fileName, fileURL string
}

// domainProofFor follows the reference: "an HTML file whose name is the verification string".
func domainProofFor(domain, code string) domainProof {
	name := code + ".html"
	return domainProof{fileName: name, fileURL: "https://" + domain + "/" + name}
}
