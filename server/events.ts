import type { Notification } from "../db/notifications.js";

/**
 * Where committed notifications go to reach connected clients (socket.io rooms, across replicas
 * through Redis when configured). Writers call it after their transaction has committed.
 */
export interface NotificationSink {
  publish(notifications: readonly Notification[]): void;
}

export const discardNotifications: NotificationSink = { publish() {} };
