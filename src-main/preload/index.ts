import { contextBridge } from 'electron';

// The main process passes the control token as a command-line argument of this renderer only.
const tokenArgument = process.argv.find((argument) => argument.startsWith('--switchboard-token='));

contextBridge.exposeInMainWorld('switchboardDesktop', {
  token: tokenArgument?.slice('--switchboard-token='.length) ?? null,
  platform: process.platform,
});
