import selfsigned from 'selfsigned';

export interface TestCertificate {
  key: string;
  /** Self-signed: the same PEM is the server certificate and the CA a client trusts. */
  cert: string;
}

/**
 * A throwaway certificate for 127.0.0.1 (and localhost), made fresh for each test run so no
 * key ever lives in the repository. Clients trust it explicitly (an https.Agent with `ca`,
 * or NODE_EXTRA_CA_CERTS in a child process); nothing disables verification.
 */
export async function testCertificate(): Promise<TestCertificate> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
