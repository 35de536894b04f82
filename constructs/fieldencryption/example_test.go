package fieldencryption_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/fieldencryption"
)

// Encrypt the card number and every field starting with "ssn" of the
// sign-up form at the edge; only the payments service holds the private
// key. (The key pair is generated here to keep the example self-contained:
// in an app, read public.pem with PublicKeyFile.)
func ExampleNew() {
	priv, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	publicPem := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))

	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Forms"), nil)
	ingest := fieldencryption.New(stack, "SignUp", &fieldencryption.Props{
		PublicKeyPem:     publicPem,
		ProviderId:       "payments",
		FieldPatterns:    []string{"card_number", "ssn*"},
		OriginDomainName: "ingest.internal.example.com",
		DomainNames:      []string{"forms.example.com"},
		CertificateArn:   "arn:aws:acm:us-east-1:111122223333:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
	})
	fmt.Println(ingest.IngestPath, ingest.ProviderId, ingest.FieldPatterns)
	fmt.Println(*ingest.Distribution.Node().Path())
	// Output:
	// /ingest/* payments [card_number ssn*]
	// Forms/SignUp/Distribution
}
