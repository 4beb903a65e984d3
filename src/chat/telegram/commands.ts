import { t } from '../../messages/index.ts';

/** The commands shown in Telegram's "/" menu, in the order a press office uses them. */
const COMMANDS = ['comunicado', 'estado', 'cancelar', 'aprobar', 'rechazar', 'cambios', 'reintentar', 'retirar', 'cuentas', 'digest', 'informe', 'ayuda'] as const;

/** setMyCommands payload: the same Spanish names on every chat, described in Spanish. */
export function botCommands(): Array<{ command: string; description: string }> {
  return COMMANDS.map((command) => ({ command, description: t(`telegram.cmd.${command}`) }));
}
